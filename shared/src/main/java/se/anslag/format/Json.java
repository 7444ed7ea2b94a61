package se.anslag.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one ObjectMapper setup: java.time values as ISO text (2024-02-20, 2024-02-20T08:00:00Z), for
 * queue messages, the board's JSON feed and what the command line prints alike.
 */
public final class Json {
  private Json() {}

  /** A new mapper with Anslag's settings; callers that print for people add indentation themselves. */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
