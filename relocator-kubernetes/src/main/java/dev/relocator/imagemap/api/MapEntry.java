package dev.relocator.imagemap.api;

import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One {@code from}/{@code to} pair of an ImageMap, as written by the user. A {@code from} without
 * tag or digest maps every tag and digest of its repository; one with a tag maps that tag only.
 */
public class MapEntry {

  @Required
  private String from;
  @Required
  private String to;

  public MapEntry() {}

  public MapEntry(String from, String to) {
    this.from = from;
    this.to = to;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapEntry other && Objects.equals(from, other.from) && Objects.equals(to, other.to);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to);
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
