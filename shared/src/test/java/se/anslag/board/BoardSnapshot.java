package se.anslag.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import se.anslag.domain.TakedownPolicy;

/**
 * Writes every file of a set of fixed sites (the sample on its posting day and after takedown, a
 * same-day policy, hostile texts with every markup character, a document link, 1,000 notices) into
 * a directory, so that two builds of the renderer can be compared byte for byte with {@code diff -r}.
 * Not a test: run it with the test class path, {@code BoardSnapshot DIR}.
 */
public final class BoardSnapshot {
  private BoardSnapshot() {}

  static SortedMap<String, byte[]> sites() {
    var site = new BoardSite();
    var boards = List.of(SampleNotices.LUDVIKA, SampleNotices.SMEDJEBACKEN);
    var hostile = SampleNotices.withTexts(SampleNotices.ordinary("hostile", "Nämnd", LocalDate.parse("2024-02-12"),
            SampleNotices.POSTED),
        "Bygg- & miljö<nämnden> \"Å\" 'Ö'", "bygg-miljonamnden", "Kontoret <b>\"&'</b>",
        List.of(new ParagraphSummary(1, "Dnr \"<1>\" & '2'", "<script>alert('x')</script> & \"citat\"")),
        "/protokoll/a\"b<c>.pdf");
    var files = new TreeMap<String, byte[]>();
    put(files, "posted", site.render(boards, Map.of("ludvika", List.of(SampleNotices.gsn(), hostile),
        "smedjebacken", List.of(SampleNotices.gsn())), SampleNotices.POSTED));
    put(files, "taken-down", site.render(boards, Map.of("ludvika", List.of(SampleNotices.gsn())),
        SampleNotices.TAKEDOWN_NEXT_DAY.plusDays(3)));
    put(files, "same-day", site.render(boards, Map.of("ludvika", List.of(SampleNotices.gsn(TakedownPolicy.SAME_DAY))),
        SampleNotices.POSTED));
    put(files, "many", site.render(List.of(SampleNotices.LUDVIKA),
        Map.of("ludvika", ManyNotices.current(1000)), ManyNotices.TODAY));
    put(files, "empty", site.render(List.of(), Map.of(), SampleNotices.POSTED));
    return files;
  }

  private static void put(Map<String, byte[]> all, String name, SortedMap<String, byte[]> site) {
    site.forEach((key, bytes) -> all.put(name + "/" + key, bytes));
  }

  public static void main(String[] args) throws IOException {
    var directory = Path.of(args[0]);
    for (var file : sites().entrySet()) {
      var path = directory.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    System.out.println(sites().size() + " files in " + directory);
  }
}
