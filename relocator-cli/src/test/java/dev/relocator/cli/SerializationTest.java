package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON output is byte for byte what Jackson databind's pretty printer writes, without databind. */
class SerializationTest {
  private static final ObjectMapper JACKSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Stream<Object> plainTrees() {
    String everyAsciiCharacter =
        IntStream.range(0, 128).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", "kube-apiserver");
    row.put("image", "registry.k8s.io/kube-apiserver:v1.31.4");
    row.put("error", null);
    row.put("count", 3);
    row.put("big", Long.MAX_VALUE);
    row.put("negative", -7);
    row.put("ok", true);
    row.put("nested", new LinkedHashMap<>(Map.of("deeper", new LinkedHashMap<>(Map.of("list", List.of(1, 2))))));
    row.put("empty map", Map.of());
    row.put("empty list", List.of());
    row.put("list of maps", List.of(Map.of("a", "b"), Map.of(), Map.of("c", List.of(Map.of("d", "e")))));
    row.put("list of lists", List.of(List.of(), List.of("x", List.of("y"))));
    List<Object> withNull = new ArrayList<>(Arrays.asList("a", null, false));
    return Stream.of(
        "plain",
        "",
        everyAsciiCharacter,
        "ünïcödé, ✓, 😀, a lone surrogate \uD800 and / slashes",
        0,
        Long.MIN_VALUE,
        false,
        Map.of(),
        List.of(),
        withNull,
        row,
        List.of(row, row),
        new LinkedHashMap<>(Map.of("quote\"key\n", everyAsciiCharacter)));
  }

  @ParameterizedTest
  @MethodSource("plainTrees")
  void writesExactlyWhatJacksonWrites(Object tree) throws Exception {
    assertThat(Serialization.json(tree)).isEqualTo(JACKSON.writeValueAsString(tree));
  }

  record Pair(String left, int right) {}

  static Stream<Object> otherValues() {
    Map<Object, Object> integerKey = new LinkedHashMap<>();
    integerKey.put(1, "one");
    return Stream.of(1.5, Set.of("a"), integerKey, Map.of("a", new String[] {"x"}), Map.of("a", 2.5f));
  }

  @ParameterizedTest
  @MethodSource("otherValues")
  void otherScalarsAndCollectionsToo(Object value) throws Exception {
    assertThat(Serialization.json(value)).isEqualTo(JACKSON.writeValueAsString(value));
  }

  @Test
  void anObjectThatIsNoTreeIsRefused() {
    assertThatThrownBy(() -> Serialization.json(List.of(new Pair("b", 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot render a " + Pair.class.getName() + " as JSON");
  }
}
