package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/** The wire form of a ClusterImageMap's spec: an ImageMap spec plus the namespaces it applies to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterImageMapSpec extends ImageMapSpec {

  private LabelSelector namespaceSelector;

  /** Namespaces the map applies to; absent or empty means every namespace. */
  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterImageMapSpec other
        && super.equals(o)
        && Objects.equals(namespaceSelector, other.namespaceSelector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), namespaceSelector);
  }
}
