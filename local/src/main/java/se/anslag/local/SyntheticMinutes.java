package se.anslag.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Minutes of any size for the benchmarks, laid out as the sample's text (a notice block, then each §
 * with its decision and its recipients "Mottagare 0" to "Mottagare n-1"), and the sample setup with a
 * directory that knows each of those recipients.
 */
final class SyntheticMinutes {
  private SyntheticMinutes() {}

  /** The sample setup and an address for each of the recipients, written into the directory. */
  static Path writeSetup(Path root, Path work, int recipients) throws IOException {
    var setup = new StringBuilder(Files.readString(root.resolve("local/setup/sample-setup.yaml")));
    for (int r = 0; r < recipients; r++) {
      setup.append("  - name: Mottagare ").append(r).append('\n')
          .append("    addresses: [mottagare").append(r).append("@example.org]\n");
    }
    return Files.writeString(work.resolve("setup.yaml"), setup);
  }

  /** Minutes of Gemensamma servicenämnden: one § per page, each sent to every recipient. */
  static String text(LocalDate meetingDate, int paragraphs, int recipients) {
    var text = new StringBuilder();
    text.append("ANSLAG/BEVIS\n\nProtokollet är justerat.\n\nOrgan Gemensamma servicenämnden\n\n")
        .append("Sammanträdesdatum ").append(meetingDate).append(" Paragrafer § 1-").append(paragraphs).append("\n\n")
        .append("Förvaringsplats för protokollet Kanslienheten, stadshuset Ludvika\n\n");
    for (int p = 1; p <= paragraphs; p++) {
      text.append(" § ").append(p).append("  Dnr 2024/").append(p).append("\n\n")
          .append("Ärende nummer ").append(p).append(" om budget\n\n")
          .append("Beslut\nGemensamma servicenämnden godkänner förslaget i ärende ").append(p).append(".\n\n")
          .append("Beskrivning av ärendet\n").append("Underlag och motivering. ".repeat(40)).append("\n\n")
          .append("______\n\nBeslut skickas till\n");
      for (int r = 0; r < recipients; r++) {
        text.append("Mottagare ").append(r).append('\n');
      }
    }
    return text.toString();
  }
}
