package dev.relocator.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AvailabilityRoundTest {

  private static ImageReference ref(String text) {
    return ImageReference.parse(text);
  }

  private final List<ImageReference> asked = new ArrayList<>();
  private final TargetProbe probe = t -> {
    asked.add(t);
    return t.tag().orElse("").equals("gone") ? Presence.MISSING : Presence.PRESENT;
  };

  @Test
  void eachDistinctTargetIsAskedOnceHoweverManyMapsNameIt() {
    AvailabilityRound round = new AvailabilityRound(10);
    List<ImageReference> a = List.of(ref("reg.local/app:1"), ref("reg.local/app:gone"));
    List<ImageReference> b = List.of(ref("reg.local/app:1"), ref("other.local/x:1"));
    assertThat(round.run(List.of(a, b), probe)).isEqualTo(3);
    assertThat(asked).hasSize(3).doesNotHaveDuplicates();
    assertThat(round.answer(ref("reg.local/app:gone"))).isEqualTo(Presence.MISSING);
    assertThat(round.missingCount()).isEqualTo(1);
  }

  @Test
  void theBudgetLimitsRequestsPerRegistryAndTheRestComeFirstNextRound() {
    AvailabilityRound round = new AvailabilityRound(2);
    List<ImageReference> five = IntStream.range(0, 5).mapToObj(i -> ref("reg.local/app:" + i)).toList();
    List<ImageReference> elsewhere = List.of(ref("other.local/x:1"));
    assertThat(round.run(List.of(five, elsewhere), probe)).as("2 for reg.local, 1 for other.local").isEqualTo(3);
    assertThat(round.answer(five.get(4))).isEqualTo(Presence.UNKNOWN);
    asked.clear();
    round.run(List.of(five, elsewhere), probe);
    assertThat(asked).startsWith(five.get(2), five.get(3));
    asked.clear();
    round.run(List.of(five, elsewhere), probe);
    assertThat(asked).contains(five.get(4));
  }

  @Test
  void aRoundForNewMapsAsksOnlyTargetsNeverAsked() {
    AvailabilityRound round = new AvailabilityRound(10);
    round.run(List.of(List.of(ref("reg.local/app:1"))), probe);
    asked.clear();
    round.runNew(List.of(List.of(ref("reg.local/app:1"), ref("reg.local/app:2"))), probe);
    assertThat(asked).containsExactly(ref("reg.local/app:2"));
  }

  @Test
  void theReportCountsMissingTargetsAndListsTheFirstTen() {
    List<ImageReference> targets = IntStream.range(0, 12).mapToObj(i -> ref("reg.local/app:" + i)).toList();
    TargetsReport report = TargetsReport.of(targets, t -> Presence.MISSING);
    assertThat(report.status()).isEqualTo("False");
    assertThat(report.reason()).isEqualTo("TargetsMissing");
    assertThat(report.message()).startsWith("12 of 12 targets missing: reg.local/app:0, reg.local/app:1,")
        .contains("reg.local/app:9 and 2 more; the map stays in force").doesNotContain("app:10,");
    assertThat(TargetsReport.of(targets, t -> Presence.PRESENT).message()).isEqualTo("all 12 targets found");
    assertThat(TargetsReport.of(targets, t -> Presence.UNKNOWN).status()).isEqualTo("Unknown");
    assertThat(TargetsReport.of(List.of(), t -> Presence.UNKNOWN).reason()).isEqualTo("NothingToCheck");
  }

  @Test
  void onlyTaggedOrPinnedTargetsAreChecked() {
    var entries = List.of(new dev.relocator.imagemap.Mapping(ref("nginx"), ref("reg.local/nginx")),
        new dev.relocator.imagemap.Mapping(ref("redis:7"), ref("reg.local/redis:7")),
        new dev.relocator.imagemap.Mapping(ref("redis:7.2"), ref("reg.local/redis:7")));
    assertThat(Targets.of(entries)).containsExactly(ref("reg.local/redis:7"));
  }
}
