package org.titansync.titan;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/** A field of Titan's answer whose JSON type is not the contract's. */
final class UnexpectedField extends IOException {
  private static final long serialVersionUID = 1L;

  UnexpectedField(String field, String expected, JsonToken got) {
    super("field " + field + " (" + expected + " expected, got " + describe(got) + ")");
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> token.toString().toLowerCase(Locale.ROOT);
    };
  }
}
