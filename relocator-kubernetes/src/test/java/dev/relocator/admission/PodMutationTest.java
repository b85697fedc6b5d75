package dev.relocator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.ImageMapping;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodMutationTest {

  private static Pod pod(String json) throws Exception {
    return Reviews.pod(Reviews.JSON.readTree(json));
  }

  /** A mapping that prepends a registry to everything, even to what it produced: a chain. */
  private static final ImageMapping RUNAWAY = ref -> Optional.of(ImageReference.parse("reg.local/r/" + ref.path()
      + ref.tag().map(t -> ":" + t).orElse("")));

  @Test
  void imageTheMappingWouldRelocateAgainIsLeftAloneWithAReason() throws Exception {
    PodMutation.Result r = PodMutation.mutate(
        pod("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx:1\"}]}}"), null, RUNAWAY);
    assertThat(r.changes()).isEmpty();
    assertThat(r.skipped()).singleElement().asString()
        .contains("nginx:1 would become reg.local/r/library/nginx:1", "relocates again to reg.local/r/r/library/nginx:1");
  }

  @Test
  void containersAreVisitedInitFirstAndPointersIndexTheirList() throws Exception {
    ImageMapping toMirror = ref -> ref.domain().equals("reg.local")
        ? Optional.empty()
        : Optional.of(ImageReference.parse("reg.local/m/" + ref.path().replace("library/", "")
            + ref.tag().map(t -> ":" + t).orElse("")));
    PodMutation.Result r = PodMutation.mutate(pod("""
        {"spec":{"containers":[{"name":"app","image":"reg.local/m/app:1"},{"name":"b","image":"busybox"}],
         "initContainers":[{"name":"init","image":"alpine:3"}]}}"""), null, toMirror);
    assertThat(r.changes()).extracting(ImageChange::pointer, ImageChange::relocated).containsExactly(
        org.assertj.core.groups.Tuple.tuple("/spec/initContainers/0/image", "reg.local/m/alpine:3"),
        org.assertj.core.groups.Tuple.tuple("/spec/containers/1/image", "reg.local/m/busybox"));
  }

  @Test
  void podWithoutSpecHasNoChangesAndNonListContainersAreAnError() throws Exception {
    assertThat(PodMutation.mutate(pod("{\"metadata\":{}}"), null, RUNAWAY).changes()).isEmpty();
    assertThatThrownBy(() -> PodMutation.mutate(pod("{\"spec\":{\"initContainers\":{}}}"), null, RUNAWAY))
        .isInstanceOf(AdmissionException.class)
        .hasMessage("request.object.spec.initContainers: expected a list");
  }
}
