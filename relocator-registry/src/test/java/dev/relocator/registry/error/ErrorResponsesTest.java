package dev.relocator.registry.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponsesTest {
  @ParameterizedTest
  @CsvSource({
    "404, MANIFEST_UNKNOWN, RegistryNotFoundException",
    "404, NAME_UNKNOWN, RegistryNotFoundException",
    "401, UNAUTHORIZED, RegistryAuthenticationException",
    "403, DENIED, RegistryAuthenticationException",
    "429, TOOMANYREQUESTS, RegistryUnavailableException",
    "503, UNAVAILABLE, RegistryUnavailableException",
    "400, DIGEST_INVALID, RegistryRejectedException",
    "400, MANIFEST_BLOB_UNKNOWN, RegistryRejectedException",
    "405, UNSUPPORTED, RegistryRejectedException",
  })
  void statusAndCodeChooseTheException(int status, String code, String type) {
    byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"m\",\"detail\":{\"x\":1}}]}")
        .getBytes(StandardCharsets.UTF_8);
    RegistryException e = ErrorResponses.exception("pull manifest r/a:1", status, body);
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.getMessage()).isEqualTo("pull manifest r/a:1: HTTP " + status + " " + code + ": m");
    assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.rawCode()).isEqualTo(code));
  }

  @ParameterizedTest
  @CsvSource({"DIGEST_INVALID, DIGEST_INVALID", "SOMETHING_NEW, UNKNOWN"})
  void codesAreDecodedToTheSpecEnum(String raw, ErrorCode code) {
    byte[] body = ("{\"errors\":[{\"code\":\"" + raw + "\"}]}").getBytes(StandardCharsets.UTF_8);
    assertThat(ErrorResponses.decode(body)).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest
  @CsvSource({"502, '<html><body>Bad   gateway</body></html>'"})
  void nonJsonBodiesAreQuotedShortly(int status, String body) {
    RegistryException e = ErrorResponses.exception("ping registry r", status, body.getBytes(StandardCharsets.UTF_8));
    assertThat(e).isInstanceOf(RegistryUnavailableException.class);
    assertThat(e.getMessage()).isEqualTo("ping registry r: HTTP 502 <html><body>Bad gateway</body></html>");
    assertThat(e.errors()).isEmpty();
  }

  /** The spec's shape with extras around it: unknown fields, nested details, several entries. */
  @org.junit.jupiter.api.Test
  void everyEntryIsDecodedAndEverythingElseSkipped() {
    byte[] body = ("{\"other\":{\"errors\":[{\"code\":\"DENIED\"}]},\"errors\":["
        + "{\"detail\":[{\"code\":\"NAME_INVALID\"}],\"code\":\"BLOB_UNKNOWN\",\"extra\":true,\"message\":\"blob unknown\"},"
        + "{\"code\":7,\"message\":\"odd\"}],\"trailer\":[1,2]}").getBytes(StandardCharsets.UTF_8);
    assertThat(ErrorResponses.decode(body)).extracting(RegistryError::code, RegistryError::rawCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.BLOB_UNKNOWN, "BLOB_UNKNOWN"),
            org.assertj.core.groups.Tuple.tuple(ErrorCode.UNKNOWN, null));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"[]", "{\"errors\":{}}", "{\"message\":\"x\"}", "\"text\"", "{\"errors\":["})
  void bodiesWithoutErrorEntriesDecodeToNone(String body) {
    assertThat(ErrorResponses.decode(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
