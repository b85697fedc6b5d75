package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vectors of the image-relocation library's FlattenRepoPath, and the tag/digest it keeps. */
class FlattenerTest {
  private static final String PREFIX = "test.host/testuser";
  private static final String X = "xxxxxxxxx";

  private static String flatten(String input) {
    return flatten(PREFIX, input);
  }

  private static String flatten(String prefix, String input) {
    RewriteRules rules = RewriteRules.parse("rules.yaml", "rules:\n- flatten: {prefix: " + prefix + "}\n");
    return rules.apply(ImageReference.parse(input)).toString();
  }

  /** A valid repository prefix of exactly {@code length} characters. */
  private static String prefixOfLength(int length) {
    return "r.io/" + "p".repeat(length - "r.io/".length());
  }

  static Stream<Arguments> vectors() {
    String deep = String.join("/", Stream.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
        "k", "l", "m", "n", "o", "p", "q", "r", "s", "t").map(c -> c + X).toList());
    String longFirst = "axxxxxxxxxabxxxxxxxxxbcxxxxxxxxxcdxxxxxxxxxdexxxxxxxxxefxxxxxxxxx";
    String longMiddle = "gxxxxxxxxxghxxxxxxxxxhixxxxxxxxxijxxxxxxxxxjkxxxxxxxxxklxxxxxxxxxl"
        + "mxxxxxxxxxmnxxxxxxxxxnoxxxxxxxxxopxxxxxxxxxpqxxxxxxxxxqrxxxxxxxxxrsxxxxxxxxx";
    String veryLong = "axxxxxxxxxabxxxxxxxxxbcxxxxxxxxxcdxxxxxxxxxd"
        + "exxxxxxxxxefxxxxxxxxxfgxxxxxxxxxghxxxxxxxxxhixxxxxxxxxijxxxxxxxxxjkxxxxxxxxxklxxxxxxxxxl"
        + "mxxxxxxxxxmnxxxxxxxxxnoxxxxxxxxxopxxxxxxxxxpqxxxxxxxxxqrxxxxxxxxxrsxxxxxxxxx";
    return Stream.of(
        // short names: the whole path stays readable
        Arguments.of("some.registry.com/some-user",
            PREFIX + "/some-user-9482d6a53a1789fb7304a4fe88362903"),
        Arguments.of("some.registry.com/some-user/some/path",
            PREFIX + "/some-user-some-path-3236c106420c1d0898246e1d2b6ba8b6"),
        // deep path: middle components are elided, marked "---", the last one kept
        Arguments.of("some.registry.com/some-user/" + deep,
            PREFIX + "/some-user-" + String.join("-", Stream.of("a", "b", "c", "d", "e", "f", "g",
                "h", "i", "j", "k", "l", "m", "n", "o", "p").map(c -> c + X).toList())
                + "---t" + X + "-b0d16e8b4d43f2ec842cfcc61989a966"),
        // few but long components
        Arguments.of("some.registry.com/some-user/" + longFirst + "/" + longMiddle + "/t" + X,
            PREFIX + "/some-user-" + longFirst + "---t" + X + "-4817a2fce97ff7aae687d14e66328781"),
        // only the last component fits after the first
        Arguments.of("some.registry.com/some-user/" + veryLong + "/t" + X,
            PREFIX + "/some-user---t" + X + "-5134b4594954926468fe0bdc23f640ef"),
        // nothing but the first component fits
        Arguments.of("some.registry.com/some-user/" + veryLong + "st" + X,
            PREFIX + "/some-user-a363dc80420c33618202ba2828aec456"),
        // the first component is too long: the last one alone
        Arguments.of("some.registry.com/" + veryLong + "st" + X + "/suffix",
            PREFIX + "/suffix-3fa7b8289050d7d4fe5d56f3098397a0"));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("vectors")
  void flattenMatchesTheImageRelocationLibrary(String input, String expected) {
    String output = flatten(input);
    assertThat(output).isEqualTo(expected);
    assertThat(ImageReference.parse(output).name().length()).isLessThanOrEqualTo(Flattener.NAME_MAX);
  }

  @Test
  void flattenKeepsTagAndDigest() {
    String digest = "sha256:1e725169f37aec55908694840bc808fb13ebf02cb1765df225437c56a796f870";
    assertThat(flatten("some.registry.com/some-user/some/path:v1@" + digest))
        .isEqualTo(PREFIX + "/some-user-some-path-3236c106420c1d0898246e1d2b6ba8b6:v1@" + digest);
  }

  @Test
  void flattenHashesTheNormalisedNameSoFamiliarFormsAgree() {
    assertThat(flatten("nginx:1")).isEqualTo(flatten("docker.io/library/nginx:1"))
        .isEqualTo(PREFIX + "/library-nginx-" + Flattener.md5Hex("docker.io/library/nginx") + ":1");
  }

  @Test
  void nothingFitsLeavesOnlyTheHash() {
    assertThat(Flattener.fit(List.of("abcdef", "ghijkl"), 5)).isEmpty();
    assertThat(Flattener.flatten("p.io/x", "r.io/abcdef", "abcdef".repeat(50)))
        .isEqualTo("p.io/x/" + Flattener.md5Hex("r.io/abcdef"));
  }

  static Stream<Arguments> longPrefixes() {
    String some = "some-user-some-path-";
    String hash = "3236c106420c1d0898246e1d2b6ba8b6";
    return Stream.of(
        // 21 characters of room: the whole path stays readable
        Arguments.of(200, some + hash),
        // 6 characters: only the last component
        Arguments.of(215, "path-" + hash),
        // 1 character: nothing readable fits, the hash alone
        Arguments.of(220, hash),
        // upstream's example: a 221-character prefix gives PREFIX/<32 hex> (254 characters)
        Arguments.of(221, hash),
        // the longest prefix: PREFIX/<32 hex> is exactly 255 characters
        Arguments.of(Flattener.MAX_PREFIX_LENGTH, hash));
  }

  @ParameterizedTest(name = "[{index}] a {0}-character prefix")
  @MethodSource("longPrefixes")
  void aLongPrefixHashesThePathIntoTheRoomLeft(int length, String flattened) {
    String prefix = prefixOfLength(length);
    String output = flatten(prefix, "some.registry.com/some-user/some/path:v1");
    assertThat(output).isEqualTo(prefix + "/" + flattened + ":v1");
    assertThat(ImageReference.parse(output).name().length()).isLessThanOrEqualTo(Flattener.NAME_MAX);
  }

  @Test
  void aPrefixThatLeavesNoRoomForTheHashIsRefused() {
    int length = Flattener.MAX_PREFIX_LENGTH + 1;
    assertThat(RewriteRulesTest.errors("rules:\n- flatten: {prefix: " + prefixOfLength(length) + "}\n"))
        .isEqualTo("rules.yaml:2: rules[0].flatten.prefix: is 223 characters long, over 222: the prefix, \"/\" and"
            + " the 32-character hash must fit in the 255 characters a name may have");
  }
}
