package dev.relocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelocatorExceptionTest {
  @Test
  void noneOrOneErrorIsTheLineItself() {
    assertThat(RelocatorException.oneLine(List.of())).isEmpty();
    assertThat(RelocatorException.oneLine(List.of("a.txt:1: bad"))).isEqualTo("a.txt:1: bad");
  }

  @Test
  void aFewErrorsAreAllListedAfterTheFirst() {
    assertThat(RelocatorException.oneLine(List.of("a", "b", "c"))).isEqualTo("a (and 2 more: b; c)");
  }

  @Test
  void pastTheListedManyTheRestAreCounted() {
    List<String> errors = IntStream.rangeClosed(1, 166).mapToObj(i -> "e" + i).toList();

    assertThat(RelocatorException.oneLine(errors))
        .isEqualTo("e1 (and 165 more: e2; e3; e4; e5; e6; e7; e8; e9; e10; 156 not shown)");
    assertThat(RelocatorException.oneLine(errors.subList(0, RelocatorException.LISTED)))
        .endsWith("; e10)");
  }
}
