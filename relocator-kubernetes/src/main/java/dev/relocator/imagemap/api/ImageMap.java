package dev.relocator.imagemap.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A namespaced map from original to relocated image references, applied to pods in its namespace. */
@Group(ImageMap.GROUP)
@Version(ImageMap.VERSION)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("imap")
public class ImageMap extends CustomResource<ImageMapSpec, ImageMapStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** The API group of both ImageMap kinds. */
  public static final String GROUP = "relocator.dev";
  /** The API version of both ImageMap kinds. */
  public static final String VERSION = "v1alpha1";

  @Override
  protected ImageMapSpec initSpec() {
    return new ImageMapSpec();
  }
}
