package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Minutes;
import se.anslag.domain.Warning;

/**
 * Feeds random and damaged input to the reader. Whatever comes in, the reader either returns minutes
 * or throws its own {@link UnreadableMinutesException} with one sentence for the clerk, and never one
 * that only wraps a fault of its own ("an error in the reader"). Seeds are fixed, so a failure names
 * the case that reproduces it.
 */
class ReaderFuzzTest {

  private static final long SEED = 20240214L;
  private static final String READER_FAULT = "The minutes could not be read because of an error in the reader";

  /** Words minutes are made of, so that random text reaches the parser's deeper branches. */
  private static final List<String> VOCABULARY = List.of(
      "§", "§ 1", "§ 12", "BUN § 81", "Dnr", "Dnr 2024/7", "KS 2024/55", "(SÄN/2012:3)", "Organ", "Beslutsinstans",
      "Forum", "Sammanträdesdatum", "2024-02-14", "31 maj 2016", "2024-02-30", "Paragrafer", "1-6", "81–96", "§54 -§64",
      "26 -- 38", "ANSLAG/BEVIS", "Bevis om anslag", "Datum då anslaget sätts upp", "tas ned", "Tid för anslag",
      "Förvaringsplats för protokollet", "Justeringens plats och tid", "Justerat den", "Beslut", "Beslutet",
      "Nämndens beslut", "Beslut skickas till", "Exp:", "Utdrag till", "Expediering", "för kännedom", "fvb till",
      "– Diariet", "Akten", "Justerandes sign", "Utdragsbestyrkande", "Sida 2 av 9", "\uF0B7", "•", "______",
      "2023-", "forts.", "Ärendet redovisas inte med hänvisning till sekretess", "Kommunstyrelsen", ",", ".", ":",
      "(", ")", "\t", "\f", "\r", "\n", "\n", "\n", " ", " ", " ", "\u00AD", "\u200B", "\uFEFF", "ÅÄÖ", "x");

  private static byte[] sampleText;
  private static byte[] samplePdf;
  private static List<String> corpusTexts;
  private static List<byte[]> pdfs;

  private final MinutesReader reader = new MinutesReader();

  @BeforeAll
  static void loadSeeds() throws Exception {
    sampleText = SampleMinutesTest.sample("gsn-2024-02-14.txt");
    samplePdf = SampleMinutesTest.sample("gsn-2024-02-14.pdf");
    corpusTexts = new ArrayList<>();
    pdfs = new ArrayList<>(List.of(samplePdf));
    try (Stream<Path> folders = Files.list(ReaderCorpusTest.corpusRoot())) {
      for (Path folder : folders.sorted().toList()) {
        if (Files.exists(folder.resolve("minutes.txt"))) {
          corpusTexts.add(TextBytes.decode(Files.readAllBytes(folder.resolve("minutes.txt"))));
        } else if (Files.exists(folder.resolve("layout.txt"))) {
          String layout = Files.readString(folder.resolve("layout.txt"));
          corpusTexts.add(layout);
          pdfs.add(CorpusPdf.fromLayout(layout));
        }
      }
    }
    corpusTexts.add(new String(sampleText, StandardCharsets.UTF_8));
  }

  @Test
  void randomBytesGiveMinutesOrAClearRefusal() {
    Random random = new Random(SEED);
    for (int n = 0; n < 400; n++) {
      byte[] bytes = new byte[random.nextInt(4096)];
      random.nextBytes(bytes);
      if (n % 4 == 0 && bytes.length > 8) {
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 8);
      }
      assertReadOrRefused("random bytes #" + n, bytes);
    }
  }

  @Test
  void randomTextFromTheWordsOfMinutesGivesMinutesOrAClearRefusal() {
    Random random = new Random(SEED + 1);
    for (int n = 0; n < 400; n++) {
      StringBuilder text = new StringBuilder();
      int words = random.nextInt(400);
      for (int w = 0; w < words; w++) {
        text.append(VOCABULARY.get(random.nextInt(VOCABULARY.size()))).append(random.nextInt(4) == 0 ? "\n" : " ");
      }
      assertReadOrRefused("random text #" + n, text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void mutatedMinutesGiveMinutesOrAClearRefusal() {
    Random random = new Random(SEED + 2);
    for (int n = 0; n < 1000; n++) {
      String source = corpusTexts.get(random.nextInt(corpusTexts.size()));
      List<String> lines = new ArrayList<>(Arrays.asList(source.split("\n", -1)));
      int mutations = 1 + random.nextInt(8);
      for (int m = 0; m < mutations; m++) {
        mutateLines(lines, random);
      }
      byte[] bytes = String.join(random.nextBoolean() ? "\n" : "\r\n", lines).getBytes(
          random.nextInt(5) == 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
      if (random.nextInt(3) == 0) {
        flipBytes(bytes, random, 1 + random.nextInt(20));
      }
      assertReadOrRefused("mutated text #" + n, bytes);
    }
  }

  @Test
  void truncatedAndDamagedPdfsGiveMinutesOrAClearRefusal() {
    Random random = new Random(SEED + 3);
    for (int n = 0; n < 90; n++) {
      byte[] pdf = pdfs.get(random.nextInt(pdfs.size()));
      byte[] damaged = switch (n % 3) {
        case 0 -> Arrays.copyOf(pdf, 1 + random.nextInt(pdf.length - 1));
        case 1 -> flipBytes(pdf.clone(), random, 1 + random.nextInt(50));
        default -> {
          // a hole cut out of the middle, as a broken transfer can leave
          int from = random.nextInt(pdf.length);
          int to = Math.min(pdf.length, from + random.nextInt(2000));
          byte[] holed = new byte[pdf.length - (to - from)];
          System.arraycopy(pdf, 0, holed, 0, from);
          System.arraycopy(pdf, to, holed, from, pdf.length - to);
          yield holed;
        }
      };
      assertReadOrRefused("damaged PDF #" + n, damaged);
    }
  }

  /**
   * A complexity check, not a speed assertion: the time per byte of the largest input may not exceed
   * {@value #MAX_PER_BYTE_RATIO} times that of the smallest. Quadratic work would make the ratio about 8
   * over this range of sizes (n to 8n); linear work keeps it near 1 whatever the machine's speed. Medians
   * of several runs after a warm-up keep the noise of a shared machine out.
   */
  private static final double MAX_PER_BYTE_RATIO = 6;

  @Test
  void readingTimeGrowsLinearlyWithTheSizeOfTheMinutes() throws Exception {
    String sample = new String(sampleText, StandardCharsets.UTF_8);
    List<String> inputs = List.of(repeated(sample, 2), repeated(sample, 4), repeated(sample, 8), repeated(sample, 16));
    assertThat(reader.readText(inputs.getLast()).paragraphs()).hasSize(6 * 16);

    assertLinear("the sample repeated", inputs);
  }

  /** Inputs shaped to make a backtracking regex or a rescan of a growing buffer take quadratic time. */
  @Test
  void pathologicalLinesTakeLinearTime() throws Exception {
    String front = "Organ Kommunstyrelsen\nSammanträdesdatum 2024-02-14\n§ 1 Dnr 2024/7\nTitel\nBeslut\n";
    Map<String, java.util.function.IntFunction<String>> shapes = new LinkedHashMap<>();
    shapes.put("underscores then text", n -> front + "_".repeat(n) + "x\n");
    shapes.put("a run of bullets", n -> front + "•".repeat(n) + " Akten\n");
    shapes.put("newlines before a form feed", n -> front + "x" + "\n".repeat(n) + "\fx\n");
    shapes.put("one long decision", n -> front + "Nämnden beslutar att godkänna\n".repeat(n / 30));
    shapes.put("many labels on one line", n -> "Organ Kommunstyrelsen " + "Sammanträdesdatum 2024-02-14 ".repeat(n / 29)
        + "\n§ 1 Titel\nBeslut\nGodkänns.\n");
    shapes.put("many dates after the organ label", n -> "Organ " + "2024-02-14 ".repeat(n / 11)
        + "Kommunstyrelsen\nSammanträdesdatum 2024-02-14\n§ 1 Titel\nBeslut\nGodkänns.\n");
    for (Map.Entry<String, java.util.function.IntFunction<String>> shape : shapes.entrySet()) {
      List<String> inputs = List.of(12_500, 25_000, 50_000, 100_000).stream().map(shape.getValue()::apply).toList();
      assertLinear(shape.getKey(), inputs);
    }
  }

  /**
   * Measures up to three times: the machine is shared, and one slow spell can make a linear reader look
   * quadratic once, while a quadratic one fails every attempt.
   */
  private void assertLinear(String what, List<String> inputs) {
    for (int warmUp = 0; warmUp < 2; warmUp++) {
      inputs.forEach(this::readQuietly);
    }
    double[] nanosPerChar = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      nanosPerChar = nanosPerChar(inputs);
      System.out.printf("%s: ns per char at n, 2n, 4n, 8n: %s%n", what, Arrays.toString(nanosPerChar));
      if (nanosPerChar[nanosPerChar.length - 1] / nanosPerChar[0] <= MAX_PER_BYTE_RATIO) {
        return;
      }
    }
    assertThat(nanosPerChar[nanosPerChar.length - 1] / nanosPerChar[0])
        .as("%s: time per char of the largest input over the smallest's (%s)", what, Arrays.toString(nanosPerChar))
        .isLessThanOrEqualTo(MAX_PER_BYTE_RATIO);
  }

  private double[] nanosPerChar(List<String> inputs) {
    double[] nanosPerChar = new double[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      long[] runs = new long[5];
      for (int r = 0; r < runs.length; r++) {
        long start = System.nanoTime();
        readQuietly(inputs.get(i));
        runs[r] = System.nanoTime() - start;
      }
      Arrays.sort(runs);
      nanosPerChar[i] = (double) runs[runs.length / 2] / inputs.get(i).length();
    }
    return nanosPerChar;
  }

  private void readQuietly(String text) {
    try {
      reader.readText(text);
    } catch (UnreadableMinutesException e) {
      // refusing is as good as reading here: only the time counts
    }
  }

  private static final Pattern SAMPLE_HEADING = Pattern.compile("(?m)^ § (\\d+) ");

  /** The sample with its paragraphs printed {@code copies} times, renumbered so that each § is new. */
  static String repeated(String sample, int copies) {
    int firstHeading = sample.indexOf(" § 1 ");
    String front = sample.substring(0, firstHeading);
    String paragraphs = sample.substring(firstHeading);
    StringBuilder text = new StringBuilder(front);
    for (int copy = 0; copy < copies; copy++) {
      int offset = copy * 6;
      Matcher m = SAMPLE_HEADING.matcher(paragraphs);
      text.append(m.replaceAll(r -> " § " + (Integer.parseInt(r.group(1)) + offset) + " "));
    }
    return text.toString();
  }

  private void assertReadOrRefused(String description, byte[] input) {
    try {
      Minutes minutes = reader.read(input);
      // Read in part at worst: whatever is not read is named in a warning
      List<String> codes = minutes.warnings().stream().map(Warning::code).toList();
      if (minutes.paragraphs().isEmpty()) {
        assertThat(codes).as(description).contains("PARAGRAPHS_NOT_FOUND");
      }
      if (minutes.organ() == null) {
        assertThat(codes).as(description).containsAnyOf("ORGAN_NOT_FOUND", "ORGAN_IN_DOUBT");
      }
      if (minutes.meetingDate() == null) {
        assertThat(codes).as(description).containsAnyOf("MEETING_DATE_NOT_FOUND", "MEETING_DATE_IN_DOUBT");
      }
    } catch (UnreadableMinutesException e) {
      String message = e.getMessage();
      if (message.startsWith(READER_FAULT)) {
        fail(description + ": the reader failed inside with " + e.getCause(), e);
      }
      assertThat(message).as(description + ": one sentence for the clerk").matches("(?s)[A-Z][^\\n]*\\.");
    } catch (Throwable e) {
      fail(description + ": the reader let " + e + " escape", e);
    }
  }

  private static void mutateLines(List<String> lines, Random random) {
    if (lines.isEmpty()) {
      lines.add(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
      return;
    }
    int i = random.nextInt(lines.size());
    int j = random.nextInt(lines.size());
    switch (random.nextInt(6)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(j));
      case 2 -> Collections.swap(lines, i, j);
      case 3 -> lines.add(i, junk(random));
      case 4 -> lines.set(i, lines.get(i) + " " + VOCABULARY.get(random.nextInt(VOCABULARY.size())));
      default -> {
        // delete a run of lines, as a page lost in extraction
        int end = Math.min(lines.size(), i + random.nextInt(40));
        lines.subList(i, end).clear();
      }
    }
  }

  private static String junk(Random random) {
    StringBuilder junk = new StringBuilder();
    int length = random.nextInt(200);
    for (int k = 0; k < length; k++) {
      junk.appendCodePoint(random.nextInt(3) == 0 ? random.nextInt(0x3000) : ' ' + random.nextInt(95));
    }
    return junk.toString();
  }

  private static byte[] flipBytes(byte[] bytes, Random random, int flips) {
    for (int f = 0; f < flips && bytes.length > 0; f++) {
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }
}
