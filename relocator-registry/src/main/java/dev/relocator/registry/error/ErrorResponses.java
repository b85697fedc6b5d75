package dev.relocator.registry.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns a registry's error answer into the matching {@link RegistryException}. */
public final class ErrorResponses {
  /** Streaming, not data binding: a fresh JVM's first ObjectMapper costs ~50 ms at the first 404. */
  private static final JsonFactory JSON = new JsonFactory();

  private ErrorResponses() {}

  /** The entries of {@code {"errors":[{"code","message","detail"}]}}; empty for any other body. */
  static List<RegistryError> decode(byte[] body) {
    List<RegistryError> result = new ArrayList<>();
    if (body == null || body.length == 0) {
      return result;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return result;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean errors = parser.currentName().equals("errors");
        if (parser.nextToken() == JsonToken.START_ARRAY && errors) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            result.add(entry(parser));
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException notJson) {
      // Proxies and load balancers answer with HTML or text; the status alone must do. What was
      // read before the broken part is kept.
    }
    return result;
  }

  /** One error object, the parser on its START_OBJECT; unknown fields and {@code detail} skipped. */
  private static RegistryError entry(JsonParser parser) throws IOException {
    String code = null;
    String message = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && key.equals("code")) {
        code = parser.getText();
      } else if (value == JsonToken.VALUE_STRING && key.equals("message")) {
        message = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return new RegistryError(ErrorCode.of(code), code, message);
  }

  /** The exception for {@code status} with {@code body}, while doing {@code what}. */
  public static RegistryException exception(String what, int status, byte[] body) {
    List<RegistryError> errors = decode(body);
    String reason = errors.isEmpty()
        ? snippet(body)
        : errors.stream().map(RegistryError::toString).collect(Collectors.joining("; "));
    String message = what + ": HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
    boolean unknown = errors.stream().anyMatch(e -> switch (e.code()) {
      case BLOB_UNKNOWN, MANIFEST_UNKNOWN, NAME_UNKNOWN -> true;
      default -> false;
    });
    if (status == 401 || status == 403) {
      return new RegistryAuthenticationException(message, status, errors);
    }
    if (status == 404 || unknown && status < 500) {
      return new RegistryNotFoundException(message, status, errors);
    }
    if (status == 429 || status >= 500) {
      return new RegistryUnavailableException(message, status, errors, null);
    }
    return new RegistryRejectedException(message, status, errors);
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
    return text.replaceAll("\\s+", " ");
  }
}
