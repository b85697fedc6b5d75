package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of rewriting one reference: the input, what it became, and the rule that decided,
 * if any. Without a rule the output is the input.
 */
public final class Rewrite {
  private final ImageReference input;
  private final ImageReference output;
  private final Rule rule;

  Rewrite(ImageReference input, ImageReference output, Rule rule) {
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
    this.rule = rule;
  }

  public ImageReference input() {
    return input;
  }

  public ImageReference output() {
    return output;
  }

  /** The rule that matched, or empty when none did. */
  public Optional<Rule> rule() {
    return Optional.ofNullable(rule);
  }

  /** Whether the output differs from the input. */
  public boolean changed() {
    return !output.equals(input);
  }

  @Override
  public String toString() {
    return input + " -> " + output + (rule == null ? " (no rule)" : " (" + rule.label() + ")");
  }
}
