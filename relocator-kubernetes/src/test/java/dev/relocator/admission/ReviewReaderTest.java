package dev.relocator.admission;

import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.bytes;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReviewReaderTest {

  private final ReviewReader reader = new ReviewReader(JSON);

  @Test
  void theApiServersReviewIsReadWholeButForTheUserOptionsAndManagedFields() throws Exception {
    ObjectNode review = Reviews.podCreate();
    ObjectNode request = request(review);
    assertThat(request.has("userInfo")).isTrue();
    assertThat(request.has("options")).isTrue();
    assertThat(request.path("object").path("metadata").has("managedFields")).isTrue();

    JsonNode read = reader.read(bytes(review));

    request.remove("userInfo");
    request.remove("options");
    ((ObjectNode) request.get("object").get("metadata")).remove("managedFields");
    assertThat(read).isEqualTo(review);
    assertThat(read.path("request").path("object").path("metadata").path("annotations").size()).isEqualTo(1);
  }

  @Test
  void theOldObjectOfAnUpdateLosesOnlyItsManagedFieldsToo() throws Exception {
    ObjectNode review = Reviews.ephemeralUpdate();
    ObjectNode oldPod = (ObjectNode) request(review).get("oldObject");
    assertThat(oldPod.path("metadata").has("managedFields")).isTrue();
    ((ObjectNode) oldPod.get("metadata")).put("name", "web");

    JsonNode read = reader.read(bytes(review));

    assertThat(read.path("request").path("oldObject").path("metadata").has("managedFields")).isFalse();
    assertThat(read.path("request").path("oldObject").path("metadata").path("name").asText()).isEqualTo("web");
    assertThat(read.path("request").path("oldObject").path("spec")).isEqualTo(oldPod.path("spec"));
  }

  @Test
  void unexpectedShapesAreKeptAsTheyAreForTheHandlerToRefuse() throws Exception {
    String body = """
        {"kind":"AdmissionReview","request":{"uid":"u","object":"a pod?","oldObject":null,
         "userInfo":{"username":"x"},"resource":[1,2]},"extra":{"a":[true]}}""";
    assertThat(reader.read(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(JSON.readTree("""
        {"kind":"AdmissionReview","request":{"uid":"u","object":"a pod?","oldObject":null,
         "resource":[1,2]},"extra":{"a":[true]}}"""));
    assertThat(reader.read("[]".getBytes(StandardCharsets.UTF_8)).isArray()).isTrue();
    assertThat(reader.read("\"review\"".getBytes(StandardCharsets.UTF_8)).isTextual()).isTrue();
  }

  @Test
  void malformedJsonIsRefusedEvenInASkippedPart() {
    assertThatThrownBy(() -> reader.read("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonParseException.class).hasMessageContaining("Unrecognized token 'not'");
    assertThatThrownBy(() -> reader.read("{\"request\":{\"userInfo\":{\"a\":}}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> reader.read("{\"request\":{\"object\":{\"metadata\":{\"managedFields\":[".getBytes(
        StandardCharsets.UTF_8))).isInstanceOf(java.io.IOException.class);
  }
}
