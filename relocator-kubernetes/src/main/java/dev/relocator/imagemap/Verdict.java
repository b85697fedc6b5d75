package dev.relocator.imagemap;

import java.util.List;
import java.util.Objects;

/** The outcome of checking one ImageMap for consistency: accepted, or why it was rejected. */
final class Verdict {

  /** Why an ImageMap is, or is not, in force; the names are the {@code Ready} condition's reasons. */
  public enum Reason {
    ACCEPTED("Accepted"),
    CONFLICT("Conflict"),
    INVALID("Invalid");

    private final String conditionReason;

    Reason(String conditionReason) {
      this.conditionReason = conditionReason;
    }

    /** The value written to the {@code Ready} condition's {@code reason}. */
    public String conditionReason() {
      return conditionReason;
    }
  }

  private final Reason reason;
  private final String message;
  private final List<Mapping> entries;
  private final MapRules rules;

  private Verdict(Reason reason, String message, List<Mapping> entries, MapRules rules) {
    this.reason = reason;
    this.message = Objects.requireNonNull(message, "message");
    this.entries = List.copyOf(entries);
    this.rules = rules;
  }

  static Verdict accepted(List<Mapping> entries, MapRules rules) {
    String message = "all " + entries.size() + " entries are consistent";
    if (rules != null) {
      message += "; " + rules.rewrite().rules().size() + " rewrite rules apply after them";
    }
    return new Verdict(Reason.ACCEPTED, message, entries, rules);
  }

  static Verdict conflict(String message) {
    return new Verdict(Reason.CONFLICT, message, List.of(), null);
  }

  static Verdict invalid(String message) {
    return new Verdict(Reason.INVALID, message, List.of(), null);
  }

  public Reason reason() {
    return reason;
  }

  public boolean isAccepted() {
    return reason == Reason.ACCEPTED;
  }

  /** A sentence for the condition's {@code message}, naming the entry and any other map involved. */
  public String message() {
    return message;
  }

  /** The parsed rules of an accepted map, or null when it has none. */
  MapRules rules() {
    return rules;
  }

  /** The validated entries of an accepted map; empty when rejected. */
  List<Mapping> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return reason.conditionReason() + ": " + message;
  }
}
