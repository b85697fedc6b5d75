package dev.relocator.policy.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A namespace's own image policy: checked for its pods in addition to the ClusterImagePolicies,
 * so it can narrow what they allow and never widen it.
 */
@Group("relocator.dev")
@Version("v1alpha1")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("ipol")
public class ImagePolicy extends CustomResource<ImagePolicySpec, Void> implements Namespaced {
  private static final long serialVersionUID = 1L;

  @Override
  protected ImagePolicySpec initSpec() {
    return new ImagePolicySpec();
  }
}
