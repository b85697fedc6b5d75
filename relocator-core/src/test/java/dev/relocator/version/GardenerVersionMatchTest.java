package dev.relocator.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes versions as clusters report them, normalised as Gardener does, against the kind
 * of constraints image vectors carry ({@code version: 1.11.x}, {@code ">= 1.12"}).
 */
class GardenerVersionMatchTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      1.11.x              | v1.11.4             | true
      1.11.x              | v1.12.0             | false
      '>= 1.12'           | v1.12.0             | true
      '>= 1.12'           | v1.11.9             | false
      '>= 1.21'           | v1.21.3-gke.1       | true
      '< 1.21'            | v1.21.3-gke.1       | false
      '= 1.21.3'          | v1.21.3-gke.1       | true
      1.21.3              | v1.21.3-gke.1       | true
      '>= 1.31 < 1.34'    | 1.33.5+k3s1         | true
      '>= 1.31 < 1.34'    | v1.34.0-eks-1-34-2  | false
      '1.20.x || 1.22.x'  | v1.22.17~rc.0       | true
      '>= 1.34'           | 1.35.0-alpha.1      | true
      '>= 1.34'           | 1.34                | true
      '~1.30'             | v1.30.14            | true
      '^1.30'             | v1.35.0             | true
      """)
  void normalisedClusterVersionsMatchVectorConstraints(
      String constraint, String clusterVersion, boolean expected) {
    Version v = Version.parseGardener(clusterVersion);
    assertThat(v.isPreRelease()).as("normalisation strips pre-releases").isFalse();
    assertThat(Constraint.parse(constraint).matches(v)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1.21.3-gke.1        | false
      v1.21.3-gke.1       | false
      """)
  void withoutNormalisationAPreReleaseMissesAPlainRange(String clusterVersion, boolean expected) {
    assertThat(Constraint.parse(">= 1.21").matches(Version.parse(clusterVersion)))
        .isEqualTo(expected);
  }
}
