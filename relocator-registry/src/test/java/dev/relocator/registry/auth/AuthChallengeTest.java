package dev.relocator.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerChallengeYieldsRealmServiceAndScope() {
    AuthChallenge c = AuthChallenge.parse(
        "Bearer realm=\"http://127.0.0.1:1/token\",service=\"reg\",scope=\"repository:a/b:pull,push repository:c:pull\"").orElseThrow();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.parameters()).isEqualTo(Map.of(
        "realm", "http://127.0.0.1:1/token", "service", "reg", "scope", "repository:a/b:pull,push repository:c:pull"));
  }

  @Test
  void basicChallengeSchemeIsCaseInsensitive() {
    AuthChallenge c = AuthChallenge.parse("BASIC realm=\"relocator-test\"").orElseThrow();
    assertThat(c.isBasic()).isTrue();
    assertThat(c.parameter("realm")).isEqualTo("relocator-test");
  }

  @Test
  void unquotedValuesAndEscapesAreRead() {
    AuthChallenge c = AuthChallenge.parse("Bearer realm=http://h/t, error=\"insufficient \\\"scope\\\"\"").orElseThrow();
    assertThat(c.parameter("realm")).isEqualTo("http://h/t");
    assertThat(c.parameter("error")).isEqualTo("insufficient \"scope\"");
  }

  @Test
  void blankHeaderIsNoChallenge() {
    assertThat(AuthChallenge.parse("  ")).isEmpty();
    assertThat(AuthChallenge.parse(null)).isEmpty();
  }
}
