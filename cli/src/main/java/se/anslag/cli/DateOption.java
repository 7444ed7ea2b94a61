package se.anslag.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.TypeConversionException;

/** Dates on the command line are written YYYY-MM-DD, as in the minutes. */
final class DateOption {
  private DateOption() {}

  static LocalDate parse(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException notADate) {
      throw new TypeConversionException("'" + value + "' is not a date written YYYY-MM-DD");
    }
  }
}
