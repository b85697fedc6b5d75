package dev.relocator.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The wire form of an ImagePolicy's spec: allowed prefixes, mode and exemptions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePolicySpec {

  @Required
  @JsonPropertyDescription("Repository prefixes (HOST[:PORT][/PATH], as a rule's prefix) every image must be"
      + " under after relocation; matched at '/' boundaries.")
  private List<String> allowed = new ArrayList<>();

  @Pattern("^(warn|deny)$")
  @JsonPropertyDescription("warn (the default): admit with a warning per image; deny: refuse the pod.")
  private String mode;

  @JsonPropertyDescription("Globs over canonical image names (docker.io/library/busybox) or names with tag;"
      + " '*' stays within a path component, '**' crosses '/'.")
  private List<String> exemptImages;

  public List<String> getAllowed() {
    return allowed;
  }

  public void setAllowed(List<String> allowed) {
    this.allowed = allowed;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public List<String> getExemptImages() {
    return exemptImages;
  }

  public void setExemptImages(List<String> exemptImages) {
    this.exemptImages = exemptImages;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImagePolicySpec s && Objects.equals(allowed, s.allowed)
        && Objects.equals(mode, s.mode) && Objects.equals(exemptImages, s.exemptImages);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowed, mode, exemptImages);
  }
}
