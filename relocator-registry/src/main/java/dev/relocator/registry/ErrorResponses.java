package dev.relocator.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns a registry's error answer into the matching {@link RegistryException}. */
final class ErrorResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Wire form of {@code {"errors":[{"code","message","detail"}]}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorResponseTemplate(List<ErrorEntryTemplate> errors) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorEntryTemplate(String code, String message, Object detail) {}

  private ErrorResponses() {}

  static List<RegistryError> decode(byte[] body) {
    List<RegistryError> result = new ArrayList<>();
    if (body == null || body.length == 0) {
      return result;
    }
    try {
      ErrorResponseTemplate template = JSON.readValue(body, ErrorResponseTemplate.class);
      if (template.errors() != null) {
        for (ErrorEntryTemplate entry : template.errors()) {
          result.add(new RegistryError(ErrorCode.of(entry.code()), entry.code(), entry.message()));
        }
      }
    } catch (IOException notJson) {
      // Proxies and load balancers answer with HTML or text; the status alone must do.
    }
    return result;
  }

  /** The exception for {@code status} with {@code body}, while doing {@code what}. */
  static RegistryException exception(String what, int status, byte[] body) {
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
