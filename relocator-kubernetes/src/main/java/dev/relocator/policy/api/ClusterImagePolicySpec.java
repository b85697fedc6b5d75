package dev.relocator.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/** The wire form of a ClusterImagePolicy's spec: an ImagePolicy spec plus the namespaces it covers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterImagePolicySpec extends ImagePolicySpec {

  private LabelSelector namespaceSelector;

  /** Namespaces the policy applies to; absent or empty means every namespace. */
  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterImagePolicySpec s && super.equals(o)
        && Objects.equals(namespaceSelector, s.namespaceSelector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), namespaceSelector);
  }
}
