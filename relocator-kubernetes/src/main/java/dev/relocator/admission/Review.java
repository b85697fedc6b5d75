package dev.relocator.admission;

/**
 * What the webhook uses of an AdmissionReview v1 body, read once by {@link ReviewReader}. Strings
 * are spelled as Jackson's tree spelled them with {@code asText} (numbers and booleans as their
 * text, objects and arrays as ""), so the handler's checks and messages are those it always had.
 *
 * @param object whether the body is a JSON object; when not, nothing else was read
 * @param apiVersion the envelope's apiVersion ("null" for JSON null)
 * @param kind the envelope's kind ("null" for JSON null)
 * @param request the request, null when absent or not an object
 */
record Review(boolean object, String apiVersion, String kind, Request request) {

  static final Review NOT_AN_OBJECT = new Review(false, "", "", null);

  /**
   * The review's {@code request}: JSON null reads as "" for the fields defaulted to "" before.
   *
   * @param group {@code resource.group}, "" for none
   * @param version {@code resource.version}
   * @param resource {@code resource.resource}
   * @param object the Pod ({@code request.object}), null when absent
   * @param oldObject the Pod before an update ({@code request.oldObject}), null when absent
   */
  record Request(
      String uid, boolean dryRun, String group, String version, String resource, String subResource,
      String operation, String namespace, Pod object, Pod oldObject) {}
}
