package dev.relocator.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Constraint/version pairs pinning Masterminds semver v3.4's matching, operator by operator.
 * Each row: constraint | version | expected.
 */
class ConstraintMatchTest {

  private static void check(String constraint, String version, boolean expected) {
    assertThat(Constraint.parse(constraint).matches(Version.parse(version)))
        .as("%s matches %s", constraint, version)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      =3.0.0        | 3.0.0  | true
      =3.0.0        | 3.0.1  | false
      3.0.0         | 3.0.0  | true
      v3.0.0        | 3.0.0  | true
      =v3.0.0       | 3.0.0  | true
      = 3.0.0       | 3.0.0  | true
      3.0.0+build.7 | 3.0.0  | true
      3.0.0         | 3.0.0+other | true
      =3.0          | 3.0.0  | true
      =3.0          | 3.0.9  | true
      =3.0          | 3.1.0  | false
      =3.0          | 2.9.9  | false
      3             | 3.7.1  | true
      3             | 4.0.0  | false
      1.20          | 1.20.0 | true
      1.20          | 1.20.15| true
      1.20          | 1.21.0 | false
      1.20          | 1.2.0  | false
      =0            | 1.0.0  | false
      =0            | 0.9.0  | true
      """)
  void equalsAndPartialVersions(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      !=5.2.0       | 5.2.0         | false
      !=5.2.0       | 5.2.1         | true
      != 5.2.0      | 5.2.1         | true
      !=5.2         | 5.2.0         | false
      !=5.2         | 5.2.7         | false
      !=5.2         | 5.3.0         | true
      !=5.2         | 6.2.0         | true
      !=5.x         | 6.1.0         | true
      !=5.x         | 5.9.9         | false
      !=5.2.x       | 5.3.0         | true
      !=5.2.x       | 5.2.4         | false
      !=5.2-beta    | 5.2.0         | true
      !=5.2-beta    | 5.2.0-beta    | false
      !=5.2-beta    | 5.2.1-beta    | false
      !=5.2-beta    | 5.2.1-gamma   | true
      !=5.2         | 6.2.0-beta.1  | false
      !=*           | 0.0.0         | false
      !=*           | 0.0.1         | true
      !=*           | 2.0.0         | true
      """)
  void notEqualTreatsWildcardsAsWholeLines(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      >2.3          | 5.0.0   | true
      >2.3          | 2.3.0   | false
      >2.3          | 2.3.9   | false
      >2.3          | 2.4.0   | true
      >2.3.x        | 2.3.9   | false
      >2.3.x        | 2.4.0   | true
      >2            | 2.9.9   | false
      >2            | 3.0.0   | true
      >2.x          | 2.9.9   | false
      >2.3.4        | 2.3.5   | true
      >2.3.4        | 2.3.4   | false
      > 2.3.4       | 2.3.5   | true
      >0            | 0       | false
      >0            | 1       | true
      >*            | 0.0.0   | false
      >*            | 0.0.1   | true
      >*            | 7.0.0   | true
      >x.5          | 0.0.1   | true
      >1.2.3-rc.1   | 1.2.3-rc.2 | true
      >1.2.3-rc.1   | 1.2.4-rc.2 | true
      >1.2.3-rc.1   | 1.2.3      | true
      >0.0.0-0      | 0.0.0-rc   | true
      >0            | 0.0.1-rc   | false
      >0-0          | 0.0.1-rc   | false
      >0.0-0        | 0.0.1-rc   | false
      >0-0          | 0.0.0-rc   | false
      """)
  void greaterThanComparesWildcardsByTheirLine(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      <9            | 0.3.0   | true
      <9            | 9.1.0   | false
      <9            | 8.99.99 | true
      <2.4          | 2.3.9   | true
      <2.4          | 2.4.0   | false
      <2.4          | 2.4.1   | false
      <2.x          | 2.1.1   | false
      <2.x          | 1.9.9   | true
      <2.4.x        | 2.4.500 | false
      <2.4.x        | 2.3.500 | true
      <2.4.6        | 2.4.5   | true
      <2.4.6        | 2.4.6   | false
      <*            | 0.0.0   | false
      <*            | 1.0.0   | false
      <0            | 0.0.0-rc | false
      <0-z          | 0.0.0-rc | true
      """)
  void lessThanComparesWithTheZeroFilledVersion(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      >=1.31        | 1.31.0  | true
      >=1.31        | 1.30.9  | false
      >= 1.31       | 1.34.2  | true
      =>1.31        | 1.31.0  | true
      =>1.31        | 1.30.0  | false
      >=12          | 12.1.2  | true
      >=0           | 0       | true
      >=*           | 0.0.0   | true
      >=*           | 3.2.1   | true
      >=1.31        | 1.32.0-rc.1 | false
      >=0           | 0.0.1-rc    | false
      >=0.0         | 0.0.1-rc    | false
      >=0-0         | 0.0.1-rc    | true
      >=0.0-0       | 0.0.0-rc    | true
      >=0.0.0-0     | 4.5.6-beta.1 | true
      >=0.0.0-0     | 4.5.6        | true
      """)
  void greaterOrEqual(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      <=7           | 1.2.3   | true
      <=7           | 7.9.9   | true
      <=7           | 8.0.0   | false
      <=7.x         | 7.9.9   | true
      <=1.34        | 1.34.9  | true
      <=1.34        | 1.35.0  | false
      <=1.34        | 0.99.0  | true
      =<1.34        | 1.34.9  | true
      =<1.34        | 1.35.0  | false
      <=1.34.x      | 1.35.0  | false
      <=1.34.2      | 1.34.2  | true
      <=1.34.2      | 1.34.3  | false
      <=*           | 0.0.9   | true
      <=*           | 0.1.0   | false
      <=*           | 1.0.0   | false
      <=1.34        | 1.33.0-rc.1 | false
      <=1.34-a      | 1.33.0-rc.1 | true
      """)
  void lessOrEqualAdmitsTheWholeWildcardLine(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ~1.20.3       | 1.20.7  | true
      ~1.20.3       | 1.20.2  | false
      ~1.20.3       | 1.21.0  | false
      ~>1.20.3      | 1.20.7  | true
      ~>1.20.3      | 1.21.0  | false
      ~1.20         | 1.20.0  | true
      ~1.20         | 1.21.0  | false
      ~1.20.x       | 1.20.9  | true
      ~1            | 1.99.0  | true
      ~1            | 2.0.0   | false
      ~1.x          | 1.4.0   | true
      ~1.x          | 2.1.1   | false
      ~>1           | 1.4     | true
      ~0.3.4        | 0.3.9   | true
      ~0.3.4        | 0.4.0   | false
      ~0            | 0.9.9   | true
      ~0            | 1.0.0   | false
      ~*            | 5.6.7   | true
      ~0.0.0        | 5.6.7   | true
      ~0.0          | 0.0.9   | true
      ~0.0          | 0.1.0   | false
      ~1.2.3-beta.2 | 1.2.3-beta.5 | true
      ~1.2.3-beta.2 | 1.2.9-beta.1 | true
      ~1.2.3-beta.2 | 1.3.0-beta.9 | false
      ~1.2.3-beta.2 | 1.2.3-beta.1 | false
      ~1.2.3-beta   | 1.2.3        | true
      ~1.2          | 1.2.5-rc.1   | false
      ~1.2-alpha    | 1.2.5-rc.1   | true
      """)
  void tildePinsTheMinorUnlessOnlyAMajorIsGiven(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ^1.20.3       | 1.99.0  | true
      ^1.20.3       | 1.20.2  | false
      ^1.20.3       | 2.0.0   | false
      ^1.20         | 1.30.0  | true
      ^1            | 1.0.0   | true
      ^1            | 2.0.0   | false
      ^1.x          | 1.8.1   | true
      ^2.x          | 1.8.1   | false
      ^1.x          | 2.0.1   | false
      ^0.4.2        | 0.4.9   | true
      ^0.4.2        | 0.5.0   | false
      ^0.4.2        | 0.4.1   | false
      ^0.4          | 0.4.9   | true
      ^0.4          | 0.5.0   | false
      ^0.0.6        | 0.0.6   | true
      ^0.0.6        | 0.0.7   | false
      ^0.0.6        | 0.1.6   | false
      ^0.0          | 0.0.8   | true
      ^0.0          | 0.1.0   | false
      ^0.0          | 1.0.0   | false
      ^0            | 0.7.3   | true
      ^0            | 1.0.0   | false
      ^0.0.0        | 1.2.3   | false
      ^*            | 0.0.0   | true
      ^*            | 0.0.1   | false
      ^*            | 1.2.3   | false
      ^1.2.0        | 1.2.1-alpha.1 | false
      ^1.2.0-alpha.0 | 1.2.1-alpha.1 | true
      ^1.2.0-alpha.2 | 1.2.0-alpha.1 | false
      ^1.x          | 1.1.1-beta1   | false
      ^1.2.x-alpha  | 1.1.1-beta1   | false
      ^0.4.2-beta.2 | 0.4.3-beta.1  | true
      ^0.4.2-beta.2 | 0.5.0-beta.3  | false
      """)
  void caretPinsTheFirstNonZeroSegment(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      *             | 0.0.0   | true
      *             | 1.2.3   | true
      x             | 1.2.3   | true
      X             | 1.2.3   | true
      =*            | 1.2.3   | true
      v*            | 1.2.3   | true
      *             | 1.2.3-rc.1 | false
      *-0           | 1.2.3-rc.1 | true
      1.x           | 1.4.0   | true
      1.x           | 2.0.0   | false
      1.X           | 1.4.0   | true
      1.*           | 1.4.0   | true
      1.x.x         | 1.4.2   | true
      1.11.x        | 1.11.9  | true
      1.11.x        | 1.12.0  | false
      1.11.*        | 1.11.0  | true
      1.x.5         | 1.7.0   | true
      x.3.4         | 9.9.9   | true
      0.x.x         | 1.2.3   | false
      0.0.x         | 0.0.9   | true
      0.0.x         | 0.1.0   | false
      """)
  void wildcardsAndPartialVersionsMeanWholeLines(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2 - 1.4.5       | 1.2.0  | true
      1.2 - 1.4.5       | 1.4.5  | true
      1.2 - 1.4.5       | 1.4.6  | false
      1.2 - 1.4.5       | 1.1.9  | false
      1.2 - 1.4         | 1.4.9  | true
      1.2 - 1.4         | 1.5.0  | false
      v1.2 - v1.4       | 1.3.0  | true
      1.x - 2.x         | 2.9.0  | true
      1.x - 2.x         | 3.0.0  | false
      1.20 - 1.22, != 1.21.3 | 1.21.3 | false
      1.20 - 1.22, != 1.21.3 | 1.21.4 | true
      1.0 - 2.0 3.0 - 4.0    | 2.5.0  | false
      '1.0 - 1.5 || 3.0 - 3.5' | 3.2.0  | true
      '1.0 - 1.5 || 3.0 - 3.5' | 2.0.0  | false
      1.0.0 - 2.0.0 <=2.0.0  | 1.5.0  | true
      1.0.0 - 2.0.0, <=2.0.0 | 1.5.0  | true
      >1.1, 1.2 - 1.4        | 1.3.0  | true
      1.2.3-rc.1 - 1.2.3     | 1.2.3-rc.2 | true
      1.1-3                  | 4.3.2  | false
      1.1-3                  | 1.1.0-3 | true
      """)
  void hyphenRangesAreInclusive(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      '>= 1.31 < 1.34'               | 1.31.0 | true
      '>= 1.31 < 1.34'               | 1.33.9 | true
      '>= 1.31 < 1.34'               | 1.34.0 | false
      '>= 1.31, < 1.34'              | 1.34.0 | false
      '>=1.31,<1.34'                 | 1.32.0 | true
      '>=1.31 ,  <1.34'              | 1.32.0 | true
      '>1.1    <3'                   | 4.3.2  | false
      '>=1.1 <2 !=1.2.3'             | 1.2.3  | false
      '>=1.1 <2 !=1.2.3'             | 1.2.4  | true
      '>=1.1, <2, !=1.2.3 || > 3'    | 4.1.2  | true
      '>=1.1, <2, !=1.2.3 || > 3'    | 3.1.2  | false
      '>=1.1, <2, !=1.2.3 || >= 3'   | 3.0.0  | true
      '>=1.1, <2, !=1.2.3 || > 3'    | 1.2.3  | false
      '1.20.x || 1.22.x'             | 1.22.4 | true
      '1.20.x || 1.22.x'             | 1.21.4 | false
      '1.20.x||1.22.x'               | 1.20.1 | true
      '  >= 1.20  '                  | 1.20.0 | true
      '1.2 1.3'                      | 1.2.0  | false
      '1.2 1.2.5'                    | 1.2.5  | true
      """)
  void andByCommaOrSpaceAndOrByBars(String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      '>= 1.2.0-0'                   | 1.3.0-rc.1 | true
      '>= 1.2.0-0, < 2'              | 1.3.0-rc.1 | true
      '< 2, >= 1.2.0-0'              | 1.3.0-rc.1 | true
      '>= 1.2 || >= 1.2.0-0'         | 1.3.0-rc.1 | true
      '>= 1.2 || < 1'                | 1.3.0-rc.1 | false
      '>= 1.2.0-0 || >= 1.2'         | 1.3.0-rc.1 | true
      '1.2.3-rc.1'                   | 1.2.3-rc.1 | true
      '1.2.3-rc.1'                   | 1.2.3      | false
      '1.2.3'                        | 1.2.3-rc.1 | false
      '> 1.2.3'                      | 1.2.4-beta.1 | false
      '> 1.2.3-0'                    | 1.2.4-beta.1 | true
      '1.2.3-alpha.10'               | 1.2.3-alpha.10 | true
      '> 1.2.3-alpha.9'              | 1.2.3-alpha.10 | true
      '> 1.2.3-alpha.beta'           | 1.2.3-alpha.10 | false
      '> 1.2.3-alpha'                | 1.2.3-alpha.1  | true
      """)
  void preReleasesOnlyMatchGroupsThatNameAPreRelease(
      String constraint, String version, boolean expected) {
    check(constraint, version, expected);
  }
}
