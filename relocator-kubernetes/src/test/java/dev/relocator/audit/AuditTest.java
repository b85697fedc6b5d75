package dev.relocator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.ImageMapping;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit reports what the webhook would do, a relocation it refuses included. */
class AuditTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Workload pod(String image) throws Exception {
    JsonNode spec = JSON.readTree("{\"containers\": [{\"name\": \"app\", \"image\": \"" + image + "\"}]}");
    return new Workload("shop", "Pod", "web", spec);
  }

  @Test
  void anImageThatIsNoReferenceSaysSoRatherThanThatNoMapRelocatesIt() throws Exception {
    List<AuditRow> rows = Audit.rows(List.of(pod("Nginx:1.27")), MappingCatalog.EMPTY, PolicySet.EMPTY, null);

    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.image()).isEqualTo("Nginx:1.27");
      assertThat(r.relocated()).isNull();
      assertThat(r.why()).startsWith("not relocated: ").doesNotContain("no ImageMap relocates it");
    });
  }

  @Test
  void underAPolicyTheRefusedRelocationIsReportedBesideTheViolation() throws Exception {
    Policy deny = new Policy(PolicyId.cluster("mirror-only"), AllowedPrefixes.parse("spec.allowed",
        List.of("reg.local/mirror")), PolicyMode.DENY, null, ImageGlobs.NONE);
    List<AuditRow> rows = Audit.rows(List.of(pod("Nginx:1.27")), MappingCatalog.EMPTY,
        new PolicySet(List.of(deny), ns -> Map.of()), null);

    assertThat(rows).singleElement().extracting(AuditRow::why).asString()
        .startsWith("ClusterImagePolicy mirror-only denies; not relocated: ");
  }

  @Test
  void aRelocationTheMappingWouldRelocateAgainCarriesTheWebhooksReason() throws Exception {
    ImageReference mirror = ImageReference.parse("reg.local/mirror/nginx:1.27");
    ImageReference other = ImageReference.parse("reg.local/other/nginx:1.27");
    ImageMapping chain = ref -> Optional.of(ref.equals(mirror) ? other : mirror);

    List<Audit.Decided> decided = Audit.images(pod("nginx:1.27").podSpec(), chain);

    assertThat(decided).singleElement().satisfies(d -> {
      assertThat(d.image().relocated()).isFalse();
      assertThat(d.problem()).isEqualTo("nginx:1.27 would become reg.local/mirror/nginx:1.27, which the mapping"
          + " relocates again to reg.local/other/nginx:1.27");
    });
  }

  @Test
  void noEntryIsSuggestedForAnImageTheWebhookLeavesAlone() throws Exception {
    List<AuditRow> rows = Audit.rows(List.of(pod("Nginx:1.27"), pod("redis:7")), MappingCatalog.EMPTY,
        PolicySet.EMPTY, "reg.local/new");
    assertThat(rows).extracting(AuditRow::image, AuditRow::leftAlone)
        .containsExactly(tuple("Nginx:1.27", true), tuple("redis:7", false));

    // Relocated again: a map names nginx already; one more entry for it would only contradict that map.
    AuditRow again = new AuditRow("shop", "Pod", "web", "app", "nginx:1.27", null,
        "not relocated: nginx:1.27 would become reg.local/mirror/nginx:1.27, which the mapping relocates again", true);
    assertThat(Audit.suggestions(List.of(rows.get(0), again, rows.get(1)), "reg.local/new"))
        .extracting(MapEntry::getFrom, MapEntry::getTo).containsExactly(tuple("redis", "reg.local/new/library/redis"));
  }
}
