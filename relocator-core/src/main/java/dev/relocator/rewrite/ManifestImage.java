package dev.relocator.rewrite;

/**
 * One container image field found in a Kubernetes manifest.
 *
 * @param document zero-based index of the YAML document in the stream
 * @param line 1-based line of the image value
 * @param column 1-based column of the image value
 * @param kind the object's kind, such as {@code Deployment}
 * @param objectName the object's {@code metadata.name}, or empty
 * @param field the field path, such as {@code spec.template.spec.containers[0].image}
 * @param value the image text as written
 */
public record ManifestImage(
    int document, int line, int column, String kind, String objectName, String field, String value) {

  /** {@code Deployment/web spec.template.spec.containers[0].image}, for messages. */
  public String where() {
    return kind + (objectName.isEmpty() ? "" : "/" + objectName) + " " + field;
  }
}
