package dev.relocator.imagemap;

import static dev.relocator.imagemap.Maps.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.imagemap.api.RewriteRuleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsistencyTest {

  private static final MapId CANDIDATE = MapId.namespaced("demo", "candidate");
  private static final MapId FIRST = MapId.namespaced("demo", "first");

  private static Verdict alone(String... fromTo) {
    return Consistency.check(CANDIDATE, spec(fromTo), new AcceptedMaps(), id -> true);
  }

  private static Verdict against(String[] accepted, String... candidate) {
    AcceptedMaps maps = new AcceptedMaps();
    maps.put(FIRST, spec(accepted).entries());
    return Consistency.check(CANDIDATE, spec(candidate), maps, id -> true);
  }

  @ParameterizedTest(name = "{0} -> {1} alone is accepted")
  @CsvSource({
    "nginx, reg.local/mirror/nginx",
    "nginx:1.25, reg.local/mirror/nginx:1.25",
    "nginx:1.25, reg.local/mirror/nginx",
    "nginx:1.25, nginx:1.25-patched",
    "quay.io/calico/cni@sha256:0000000000000000000000000000000000000000000000000000000000000000, reg.local/cni",
  })
  void wellFormedEntryAloneIsAccepted(String from, String to) {
    Verdict v = alone(from, to);
    assertThat(v.reason()).isEqualTo(Verdict.Reason.ACCEPTED);
    assertThat(v.entries()).hasSize(1);
  }

  @ParameterizedTest(name = "{0} -> {1} is invalid: {2}")
  @CsvSource(delimiter = '|', value = {
    "nginx | docker.io/library/nginx | maps to itself",
    "nginx:1.25 | docker.io/library/nginx | maps to itself",
    "nginx | reg.local/nginx:1.25 | names a whole repository",
    "Nginx | reg.local/nginx | map[0].from: ",
    "nginx | reg.local/UPPER/nginx | map[0].to: ",
    "'' | reg.local/nginx | map[0].from: is required",
  })
  void badEntryIsInvalid(String from, String to, String message) {
    Verdict v = alone(from, to);
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).contains(message);
  }

  @Test
  void duplicateFromWithDifferentToInOneMapIsInvalid() {
    Verdict v = alone("nginx", "reg.local/a/nginx", "docker.io/library/nginx", "reg.local/b/nginx");
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).contains("map[0] and map[1]", "reg.local/a/nginx", "reg.local/b/nginx");
  }

  @Test
  void duplicateFromWithSameToInOneMapIsAccepted() {
    assertThat(alone("nginx", "reg.local/nginx", "docker.io/nginx", "reg.local/nginx").isAccepted())
        .isTrue();
  }

  @Test
  void tagEntryAgreeingWithRepositoryEntryIsAccepted() {
    assertThat(alone("nginx", "reg.local/nginx", "nginx:1.25", "reg.local/nginx:1.25").isAccepted())
        .isTrue();
  }

  @Test
  void tagEntryDisagreeingWithRepositoryEntryIsInvalid() {
    Verdict v = alone("nginx", "reg.local/nginx", "nginx:1.25", "reg.local/other:1.25");
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).contains("nginx:1.25");
  }

  @Test
  void chainWithinOneMapIsInvalid() {
    Verdict v = alone("a.local/x", "b.local/x", "b.local/x:1", "c.local/x:1");
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).contains("chains are not allowed");
  }

  static RewriteRuleSpec overwrite(String target, String... exclude) {
    RewriteRuleSpec rule = new RewriteRuleSpec();
    rule.setOverwriteRegistry(target);
    if (exclude.length > 0) {
      rule.setExclude(List.of(exclude));
    }
    return rule;
  }

  private static Verdict withRules(RewriteRuleSpec... rules) {
    return Consistency.check(CANDIDATE, spec(List.of(rules), "nginx", "reg.local/nginx"), new AcceptedMaps(), id -> true);
  }

  @Test
  void rulesTheEngineAcceptsAreAccepted() {
    Verdict v = withRules(overwrite("reg.local:5000/mirror", "reg.local:5000"));
    assertThat(v.isAccepted()).isTrue();
    assertThat(v.rules().rewrite().rules()).hasSize(1);
    assertThat(v.message()).contains("1 rewrite rules apply after them");
  }

  @Test
  void ruleTheEngineRefusesIsInvalidNamingItsField() {
    RewriteRuleSpec prefix = new RewriteRuleSpec();
    prefix.setPrefix("docker.io");
    Verdict v = withRules(overwrite("reg.local:5000/mirror", "reg.local:5000"), prefix);
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).startsWith("spec.rules[1]");
  }

  @Test
  void overwriteThatWouldRelocateItsOwnOutputIsInvalid() {
    Verdict v = withRules(overwrite("reg.local:5000/mirror"));
    assertThat(v.reason()).isEqualTo(Verdict.Reason.INVALID);
    assertThat(v.message()).contains("spec.rules[0] relocates what spec.rules[0] produces", "add exclude: reg.local:5000/mirror");
  }

  @Test
  void sameFromToDifferentToInAnotherMapIsAConflictNamingIt() {
    Verdict v = against(new String[] {"nginx", "reg.local/a/nginx"}, "docker.io/nginx", "reg.local/b/nginx");
    assertThat(v.reason()).isEqualTo(Verdict.Reason.CONFLICT);
    assertThat(v.message())
        .contains("ImageMap demo/first", "\"nginx\"", "reg.local/a/nginx", "reg.local/b/nginx");
  }

  @Test
  void sameFromToSameToInAnotherMapIsAccepted() {
    assertThat(against(new String[] {"nginx", "reg.local/nginx"}, "nginx", "reg.local/nginx").isAccepted())
        .isTrue();
  }

  @Test
  void tagEntryAgainstRepositoryEntryOfAnotherMapIsAConflictWhenResultsDiffer() {
    Verdict v = against(new String[] {"nginx", "reg.local/a/nginx"}, "nginx:1.25", "reg.local/b/nginx:1.25");
    assertThat(v.reason()).isEqualTo(Verdict.Reason.CONFLICT);
    assertThat(v.message()).contains("nginx:1.25", "reg.local/a/nginx:1.25");
  }

  @Test
  void differentTagsOfOneRepositoryDoNotConflict() {
    assertThat(against(new String[] {"nginx:1.24", "reg.local/a/nginx:1.24"},
        "nginx:1.25", "reg.local/b/nginx:1.25").isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "accepted {0} -> {1}, candidate {2} -> {3} is a chain")
  @CsvSource({
    "a.local/x, b.local/x, b.local/x, c.local/x",
    "b.local/x, c.local/x, a.local/x, b.local/x",
    "b.local/x:1, c.local/x:1, a.local/x:1, b.local/x",
    "a.local/x, b.local/x, b.local/x:7, c.local/x:7",
  })
  void chainAcrossMapsIsAConflict(String acceptedFrom, String acceptedTo, String from, String to) {
    Verdict v = against(new String[] {acceptedFrom, acceptedTo}, from, to);
    assertThat(v.reason()).isEqualTo(Verdict.Reason.CONFLICT);
    assertThat(v.message()).contains("ImageMap demo/first", "chains are not allowed");
  }

  @Test
  void differentTagsAreNoChain() {
    assertThat(against(new String[] {"b.local/x:1", "c.local/x:1"}, "a.local/x:2", "b.local/x:2").isAccepted())
        .isTrue();
  }

  @Test
  void mapsOutOfScopeAreIgnored() {
    AcceptedMaps maps = new AcceptedMaps();
    maps.put(FIRST, spec("nginx", "reg.local/a/nginx").entries());
    Verdict v = Consistency.check(CANDIDATE, spec("nginx", "reg.local/b/nginx"), maps, id -> false);
    assertThat(v.isAccepted()).isTrue();
  }

  @Test
  void theCandidatesOwnEntriesInForceAreIgnored() {
    AcceptedMaps maps = new AcceptedMaps();
    maps.put(CANDIDATE, spec("nginx", "reg.local/a/nginx").entries());
    assertThat(Consistency.check(CANDIDATE, spec("nginx", "reg.local/b/nginx"), maps, id -> true).isAccepted())
        .isTrue();
  }
}
