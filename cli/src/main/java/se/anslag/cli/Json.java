package se.anslag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON as the commands print it: ISO dates, indented. */
final class Json {
  static final ObjectMapper MAPPER = se.anslag.format.Json.mapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}
}
