package dev.relocator.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What reading kubectl's AdmissionReview (2,823 bytes) costs Jackson, by the ways a webhook could
 * read it, under the factory settings that matter for one-shot documents: {@code tree} is
 * {@code readTree} (the webhook before its streaming read); {@code tokens} every token to the end,
 * no string decoded (WebhookFloorMain's {@code tokens} floor); {@code skip} the streaming read's
 * pattern: the root's fields walked, each value skipped with {@code skipChildren}. The handler
 * itself is {@link AdmissionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReviewParseBenchmark {

  /** {@code default}, or one setting off: field names not canonicalised, not interned, no buffer recycling. */
  @Param({"default", "noCanonicalize", "noIntern", "noRecycling"})
  public String factory;

  private ObjectMapper mapper;
  private byte[] review;

  @Setup
  public void setUp() {
    JsonFactory f = switch (factory) {
      case "default" -> new JsonFactory();
      case "noCanonicalize" -> JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
      case "noIntern" -> JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
      case "noRecycling" -> JsonFactory.builder()
          .disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING)
          .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.nonRecyclingPool()).build();
      default -> throw new IllegalArgumentException(factory);
    };
    mapper = new ObjectMapper(f);
    try (InputStream in = ReviewParseBenchmark.class.getResourceAsStream("/pod-create-1.26.json")) {
      review = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public JsonNode tree() throws IOException {
    return mapper.readTree(review);
  }

  @Benchmark
  public int tokens() throws IOException {
    int n = 0;
    try (JsonParser p = mapper.createParser(review)) {
      while (p.nextToken() != null) {
        n++;
      }
    }
    return n;
  }

  @Benchmark
  public int skip() throws IOException {
    int n = 0;
    try (JsonParser p = mapper.createParser(review)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        p.nextToken();
        p.skipChildren();
        n++;
      }
    }
    return n;
  }
}
