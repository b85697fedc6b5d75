package dev.relocator.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2.3                   | 1.2.3
      v1.2.3                  | 1.2.3
      1                       | 1.0.0
      v1                      | 1.0.0
      1.2                     | 1.2.0
      01.002.0003             | 1.2.3
      1.2.3-rc.1              | 1.2.3-rc.1
      1.2-rc.1                | 1.2.0-rc.1
      1.2.3+build.7           | 1.2.3+build.7
      1.2.3-rc.1+build-7.x    | 1.2.3-rc.1+build-7.x
      1.2.3-0a.--.x-y         | 1.2.3-0a.--.x-y
      1.2.3+001               | 1.2.3+001
      18446744073709551615.0.0 | 18446744073709551615.0.0
      2.3.5-20161202202307-sha.e8fc5e5 | 2.3.5-20161202202307-sha.e8fc5e5
      """)
  void parseAcceptsLooseVersions(String text, String canonical) {
    Version v = Version.parse(text);
    assertThat(v).hasToString(canonical);
    assertThat(v.original()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                      | empty text
      V1.2.3                  | expected a number at offset 0
      v                       | expected a number after "v"
      1.2.x                   | expected a number after '.'
      1.2.x.4                 | expected a number after '.'
      1.2.3.4                 | at most three numeric segments
      1..2                    | expected a number after '.'
      ' 1.2.3'                | expected a number at offset 0
      1.2.3-                  | empty identifier in pre-release
      1.2.3-rc.               | empty identifier in pre-release
      1.2.3-rc..1             | empty identifier in pre-release
      1.2.3-01                | numeric pre-release identifier "01" has a leading zero
      1.2.3+                  | empty identifier in build metadata
      1.2.3+a_b               | unexpected '_'
      1.2.3-rc_1              | unexpected '_'
      18446744073709551616.0.0 | larger than 2^64-1
      >=1.2.3                 | expected a number at offset 0
      """)
  void parseRejectsNonVersionsQuotingTheInput(String text, String why) {
    assertThatThrownBy(() -> Version.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageStartingWith("invalid version \"" + text + "\": ")
        .hasMessageContaining(why);
  }

  @Test
  void invalidVersionMessageNamesTheInput() {
    assertThatThrownBy(() -> Version.parse("1.2.x.4"))
        .hasMessage("invalid version \"1.2.x.4\": expected a number after '.' at offset 3");
  }

  @Test
  void comparePrecedenceFollowsSemver() {
    // ascending order, from the semver 2.0 spec's example plus numeric and length cases
    List<String> ascending = List.of(
        "0.9.9", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-alpha", "1.0.0-alpha.1",
        "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
        "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "18446744073709551615.0.0");
    List<Version> versions = new ArrayList<>();
    for (String s : ascending) {
      versions.add(Version.parse(s));
    }
    for (int i = 0; i < versions.size(); i++) {
      for (int j = 0; j < versions.size(); j++) {
        assertThat(Integer.signum(versions.get(i).compareTo(versions.get(j))))
            .as("%s vs %s", ascending.get(i), ascending.get(j))
            .isEqualTo(Integer.compare(i, j));
      }
    }
  }

  @Test
  void metadataIsIgnoredByCompareButNotByEquals() {
    Version a = Version.parse("1.2.3+a");
    Version b = Version.parse("1.2.3+b");
    assertThat(a.compareTo(b)).isZero();
    assertThat(a).isNotEqualTo(b);
    assertThat(Version.parse("v1.2.3")).isEqualTo(Version.parse("1.2.3"))
        .hasSameHashCodeAs(Version.parse("1.2.3"));
  }

  @Test
  void accessorsExposeTheParts() {
    Version v = Version.parse("v4.5-rc.2+sha.1");
    assertThat(v.major()).isEqualTo(4);
    assertThat(v.minor()).isEqualTo(5);
    assertThat(v.patch()).isZero();
    assertThat(v.preRelease()).isEqualTo("rc.2");
    assertThat(v.metadata()).isEqualTo("sha.1");
    assertThat(v.isPreRelease()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      v1.21.3-gke.1           | 1.21.3
      1.21.3                  | 1.21.3
      v1.21.3                 | 1.21.3
      1.28.2+k3s1             | 1.28.2
      v1.27.4~rc.1            | 1.27.4
      1.30.1-eks-1-30-5       | 1.30.1
      vv1.2v.3                | 1.2.3
      v1.20                   | 1.20
      -rc.1                   | ''
      """)
  void normalizeGardenerDropsEveryVAndCutsAtTheFirstSuffix(String text, String normalized) {
    assertThat(Version.normalizeGardener(text)).isEqualTo(normalized == null ? "" : normalized);
  }

  @Test
  void parseGardenerNormalisesBeforeParsing() {
    assertThat(Version.parseGardener("v1.21.3-gke.1")).isEqualTo(Version.parse("1.21.3"));
    assertThatThrownBy(() -> Version.parseGardener("latest"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageStartingWith("invalid version \"latest\": ");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2.3                   | true
      v1.2.3                  | true
      1.2.3-rc.1              | true
      v1.2.3+build.5          | true
      1.2.3-rc.1+build.5      | true
      ' 1.2.3 '               | true
      1.20                    | false
      1                       | false
      v1.20                   | false
      1.20.x                  | false
      1.x                     | false
      *                       | false
      '>= 1.2.3'              | false
      =1.2.3                  | false
      ~1.2.3                  | false
      ^1.2.3                  | false
      '1.2.3 - 1.4.0'         | false
      '1.2.3, 1.2.4'          | false
      '1.2.3 1.2.4'           | false
      '1.2.3 || 1.2.4'        | false
      1.2.3.4                 | false
      ''                      | false
      latest                  | false
      """)
  void isFullVersionOnlyForOnePlainThreeSegmentVersion(String text, boolean expected) {
    assertThat(Version.isFullVersion(text == null ? "" : text)).isEqualTo(expected);
  }

  @Test
  void isFullVersionOfNullIsFalse() {
    assertThat(Version.isFullVersion(null)).isFalse();
  }
}
