package dev.relocator.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the constraint parser accepts and rejects, and what its errors say. */
class ConstraintSyntaxTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ">= 1.1", ">40.50.60, < 50.70", "2.0", "v2.3.5-20161202202307-sha.e8fc5e5",
      ">= 1.2.3 < 2.0", ">= 1.2.3 < 2.0 || => 3.0 < 4", ">= 1.2.3, < 2.0 || => 3.0, < 4",
      "3 - 4 || => 3.0, < 4", "12.3.34 ~1.2.3", "1.0.0 - 2.0.0, <=2.0.0", "=< 1.2", "~> 1.2",
      "\t>=1.2\n", "1.x.5", "1.x.|", "x", "*", "X.X.X", ">=1.2.3+meta.1", "1.2.3-rc.1+b",
      "1 - 2 3 - 4", ">1, 2 - 3", "1||2 - 3", "1.2-1.4"})
  void acceptsWhatMastermindsAccepts(String text) {
    assertThat(Constraint.parse(text)).hasToString(text);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      >> 1.2               | unknown operator ">>"
      `>= bar`             | expected a version where "bar" is
      `BAR >= 1.2.3`       | expected a version where "BAR" is
      foo                  | expected a version where "foo" is
      1.2.x.4              | invalid version "1.2.x.4": a version has at most three segments
      12.3.4.1234          | invalid version "12.3.4.1234": a version has at most three segments
      `12.3.34~ 1.2.3`     | invalid version "12.3.34~": unexpected '~'
      ``                   | the constraint is empty
      `   `                | the constraint is empty
      `1.2 ||`             | an alternative of || is empty
      `|| 1.2`             | an alternative of || is empty
      `1.2 |||| 1.3`       | an alternative of || is empty
      `>=1.2,`             | a comma must be followed by another comparison
      `>=1.2,,<2`          | expected a version where "," is
      `>= 1.2 <`           | operator "<" is not followed by a version
      `! 1.2`              | unknown operator "!"
      `> = 1.2`            | unknown operator "> ="
      `1.2 -1.4`           | expected a version where "-1.4" is
      `>1 2 - 3`           | unexpected '>'
      `>= 1 - 2`           | unknown operator ">=>="
      1.xx                 | segment "xx" is neither a number nor one of x, X, *
      1x.2                 | segment "1x" is neither a number nor one of x, X, *
      `1.2|3`              | segment "2|3" is neither a number nor one of x, X, *
      1.2.3-01             | numeric pre-release identifier "01" has a leading zero
      1.x-01               | numeric pre-release identifier "01" has a leading zero
      V1.2                 | expected a version where "V1.2" is
      99999999999999999999 | number 99999999999999999999 is larger than 2^64-1
      `1 ||2 - 3`          | unexpected '>'
      """)
  void rejectsImproperConstraintsSayingWhy(String text, String why) {
    String input = text == null ? "" : text;
    assertThatThrownBy(() -> Constraint.parse(input))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageStartingWith("improper constraint \"" + input + "\": ")
        .hasMessageContaining(why);
  }

  @Test
  void improperConstraintMessageIsOneClearLine() {
    assertThatThrownBy(() -> Constraint.parse(">> 1.2"))
        .hasMessage("improper constraint \">> 1.2\": unknown operator \">>\"");
    assertThatThrownBy(() -> Constraint.parse("1.2.x.4"))
        .hasMessage("improper constraint \"1.2.x.4\": invalid version \"1.2.x.4\": "
            + "a version has at most three segments");
  }

  @Test
  void controlCharactersAreEscapedInMessages() {
    assertThatThrownBy(() -> Constraint.parse(">= 1.2\u0000"))
        .hasMessageStartingWith("improper constraint \">= 1.2\\u0000\": ");
  }

  @Test
  void rangeRewriteKeepsUpstreamShape() {
    assertThat(ConstraintParser.rewriteRanges("2 - 3")).isEqualTo(">= 2, <= 3 ");
    assertThat(ConstraintParser.rewriteRanges("2 - 3, 4.0.0 - 5.1"))
        .isEqualTo(">= 2, <= 3 ,>= 4.0.0, <= 5.1 ");
    assertThat(ConstraintParser.rewriteRanges("2 - 3 4.0.0 - 5.1"))
        .isEqualTo(">= 2, <= 3 >= 4.0.0, <= 5.1 ");
    assertThat(ConstraintParser.rewriteRanges("1.0.0 - 2.0.0 <=2.0.0"))
        .isEqualTo(">= 1.0.0, <= 2.0.0 <=2.0.0");
    assertThat(ConstraintParser.rewriteRanges(">= 1.2")).isEqualTo(">= 1.2");
  }

  @Test
  void barsInsideARangeVersionSplitTheRangeAsUpstreamDoes() {
    // upstream's version class [0-9|x|X|\*] contains '|', so "1||2 - 3" is the range
    // "1||2" - "3", rewritten to ">= 1||2, <= 3 ": (>= 1) OR (= 2 AND <= 3)
    Constraint c = Constraint.parse("1||2 - 3");
    assertThat(c.matches(Version.parse("5.0.0"))).isTrue();
    assertThat(c.matches(Version.parse("2.5.0"))).isTrue();
    assertThat(c.matches(Version.parse("0.5.0"))).isFalse();
  }

  @Test
  void hostileInputParsesInLinearTime() {
    // a long run of version characters with no range would be quadratic if every start
    // position re-scanned the run
    String longRun = "1".repeat(200_000) + " - x";
    assertThatThrownBy(() -> Constraint.parse(longRun))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("larger than 2^64-1");
    String manyTerms = ">=1.2 ".repeat(50_000);
    assertThat(Constraint.parse(manyTerms).matches(Version.parse("1.3.0"))).isTrue();
    String dashes = "1 -".repeat(50_000);
    assertThatThrownBy(() -> Constraint.parse(dashes)).isInstanceOf(InvalidVersionException.class);
    // every 'x' starts a version whose pre-release runs to the end of the text
    String preReleaseRuns = "x-".repeat(100_000) + "y";
    assertThat(Constraint.parse(preReleaseRuns).matches(Version.parse("1.0.0"))).isTrue();
    String spaced = "1.2.3-" + "x-".repeat(100_000) + " - 2";
    assertThat(Constraint.parse(spaced).matches(Version.parse("1.5.0"))).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2.3                | true
      v1.2.3               | true
      '  1.2.3'            | true
      =1.2                 | true
      '= 1.2.3'            | true
      => 1.2               | true
      =< 1.2               | true
      '1.2.3 - 1.4'        | true
      '1.2.3, <2'          | true
      1.2.3-rc.1           | true
      1.20                 | false
      1.20.x               | false
      '>= 1.2.3'           | false
      ~1.2.3               | false
      ^1.2.3               | false
      '!=1.2.3'            | false
      *                    | false
      '1.2 - 1.4.5'        | false
      """)
  void isExactFollowsGardenerScoring(String text, boolean exact) {
    assertThat(Constraint.parse(text).isExact()).isEqualTo(exact);
  }

  @Test
  void toStringIsTheTextAsWrittenAndEqualityFollowsIt() {
    Constraint c = Constraint.parse(">=1.31,  <1.34");
    assertThat(c).hasToString(">=1.31,  <1.34")
        .isEqualTo(Constraint.parse(">=1.31,  <1.34"))
        .hasSameHashCodeAs(Constraint.parse(">=1.31,  <1.34"))
        .isNotEqualTo(Constraint.parse(">=1.31, <1.34"));
  }
}
