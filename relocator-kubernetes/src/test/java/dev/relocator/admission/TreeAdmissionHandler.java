package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.relocator.imagemap.ImageMapping;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.policy.Decision;
import dev.relocator.policy.PolicyCheck;
import dev.relocator.policy.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The handler as it read reviews before {@link ReviewReader}: the whole body into a Jackson tree, walked
 * with {@code path}/{@code asText}. Kept in the tests only, as the reference the streaming read is
 * compared with byte for byte ({@link ReviewReaderDifferentialTest}): reading untrusted bytes
 * by hand is where a fast path goes wrong, and thousands of varied bodies find it where named cases
 * do not. When the answers change on purpose, change them here too (with TreePodMutation and
 * TreeJsonPatches), or retire the three for the bodies they give, recorded.
 */
final class TreeAdmissionHandler {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String API_VERSION = ReviewWriter.API_VERSION;
  private static final int MAX_WARNINGS = 10;

  /**
   * The answer to one review.
   *
   * @param httpStatus 200, or 400 for a malformed body
   * @param contentType the body's media type
   * @param body the response body
   * @param outcome how the review ended
   * @param imagesRewritten how many images the patch replaces
   * @param dryRun whether the request was a dry run
   * @param namespace the pod's namespace, empty when the review had none
   * @param decision what the policies said, {@link Decision#UNCHECKED} when none applied
   */
  public record Result(
      int httpStatus, String contentType, byte[] body, Outcome outcome, int imagesRewritten, boolean dryRun,
      String namespace, Decision decision) {

    public Result(int httpStatus, String contentType, byte[] body, Outcome outcome, int imagesRewritten, boolean dryRun) {
      this(httpStatus, contentType, body, outcome, imagesRewritten, dryRun, "", Decision.UNCHECKED);
    }

    Result withPolicy(String ns, Decision d) {
      return new Result(httpStatus, contentType, body, outcome, imagesRewritten, dryRun, ns, d);
    }
  }

  private final Supplier<MappingCatalog> catalog;
  private final Supplier<PolicySet> policies;
  private final SecretLookup secrets;
  private final FailureMode failureMode;

  /**
   * @param catalog the mapping in force, read once per review
   * @param failureMode the answer for unreadable pods in well-formed reviews
   */
  TreeAdmissionHandler(Supplier<MappingCatalog> catalog, FailureMode failureMode) {
    this(catalog, () -> PolicySet.EMPTY, failureMode);
  }

  /**
   * @param catalog the mapping in force, read once per review
   * @param policies the policies in force, read once per review
   * @param failureMode the answer for unreadable pods in well-formed reviews
   */
  TreeAdmissionHandler(Supplier<MappingCatalog> catalog, Supplier<PolicySet> policies, FailureMode failureMode) {
    this(catalog, policies, SecretLookup.UNKNOWN, failureMode);
  }

  /**
   * @param catalog the mapping in force, read once per review
   * @param policies the policies in force, read once per review
   * @param secrets whether a pull secret a map names exists in the pod's namespace
   * @param failureMode the answer for unreadable pods in well-formed reviews
   */
  TreeAdmissionHandler(
      Supplier<MappingCatalog> catalog, Supplier<PolicySet> policies, SecretLookup secrets, FailureMode failureMode) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
  }

  /** The answer to {@code body}, never throwing on bad input. */
  public Result handle(byte[] body) {
    if (blank(body)) {
      return malformed("request body is empty: expected an AdmissionReview v1");
    }
    JsonNode review;
    try {
      review = MAPPER.readTree(body);
    } catch (IOException e) {
      return malformed("request body is not JSON: " + firstLine(e));
    }
    if (review == null || !review.isObject()) {
      return malformed("request body is not a JSON object");
    }
    if (!API_VERSION.equals(review.path("apiVersion").asText())
        || !"AdmissionReview".equals(review.path("kind").asText())) {
      return malformed("expected kind AdmissionReview, apiVersion " + API_VERSION + "; got kind \""
          + review.path("kind").asText() + "\", apiVersion \"" + review.path("apiVersion").asText() + "\"");
    }
    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) {
      return malformed("AdmissionReview has no request");
    }
    String uid = request.path("uid").asText("");
    if (uid.isEmpty()) {
      return malformed("request.uid is missing");
    }
    boolean dryRun = request.path("dryRun").asBoolean(false);
    try {
      return review(request, uid, dryRun);
    } catch (AdmissionException e) {
      return unreadable(uid, dryRun, e.getMessage());
    } catch (RuntimeException e) {
      // A defect must not take the API server's pods down with it: answer per failure mode.
      return unreadable(uid, dryRun, "internal error: " + e);
    }
  }

  private Result review(JsonNode request, String uid, boolean dryRun) {
    JsonNode resource = request.path("resource");
    String subResource = request.path("subResource").asText("");
    String operation = request.path("operation").asText("");
    boolean pods = resource.path("group").asText("").isEmpty()
        && "v1".equals(resource.path("version").asText())
        && "pods".equals(resource.path("resource").asText());
    boolean create = pods && subResource.isEmpty() && "CREATE".equals(operation);
    boolean ephemeral = pods && "ephemeralcontainers".equals(subResource) && "UPDATE".equals(operation);
    if (!create && !ephemeral) {
      return allowed(uid, dryRun, Outcome.SKIPPED, null, List.of(), 0);
    }
    JsonNode pod = request.get("object");
    String namespace = request.path("namespace").asText("");
    if (namespace.isEmpty()) {
      namespace = pod == null ? "" : pod.path("metadata").path("namespace").asText("");
    }
    MappingCatalog current = catalog.get();
    var applicable = policies.get().forNamespace(namespace);
    boolean optedOut = current.optedOut(namespace);
    if (optedOut && applicable.isEmpty()) {
      return allowed(uid, dryRun, Outcome.SKIPPED, null, List.of(), 0);
    }
    JsonNode oldPod = ephemeral ? request.get("oldObject") : null;
    if (ephemeral && (oldPod == null || !oldPod.isObject())) {
      throw new AdmissionException("request.oldObject: expected the Pod before the update");
    }
    ImageMapping mapping = optedOut ? ImageMapping.NONE : current.forNamespace(namespace);
    TreePodMutation.Result result = TreePodMutation.mutate(pod, oldPod, mapping);
    Decision decision = PolicyCheck.check(result.images(), applicable);
    if (decision.outcome() == Decision.Outcome.DENIED) {
      byte[] body = ReviewWriter.refused(uid, new ReviewWriter.Status(403, "Forbidden", decision.denial()));
      return ok(body, Outcome.REFUSED, 0, dryRun).withPolicy(namespace, decision);
    }
    List<String> warnings = new ArrayList<>(decision.warnings());
    for (ImageChange c : result.changes()) {
      warnings.add("relocated " + c.container() + ": " + c.original() + " -> " + c.relocated());
    }
    for (String s : result.skipped()) {
      warnings.add("not relocated " + s);
    }
    if (result.changes().isEmpty()) {
      return allowed(uid, dryRun, optedOut ? Outcome.SKIPPED : Outcome.UNCHANGED, null, warnings, 0)
          .withPolicy(namespace, decision);
    }
    ArrayNode patch = TreeJsonPatches.build(pod, result.changes(), create);
    if (create) {
      addPullSecrets(patch, pod, namespace, current, result.changes(), warnings);
    }
    return allowed(uid, dryRun, Outcome.MUTATED, patch, warnings, result.changes().size())
        .withPolicy(namespace, decision);
  }

  /**
   * The pull secrets of the maps that relocated this pod's images, added to the pod (only on
   * CREATE: the ephemeralcontainers subresource cannot change them); a secret known to be missing
   * from the namespace draws a warning.
   */
  private void addPullSecrets(
      ArrayNode patch, JsonNode pod, String namespace, MappingCatalog current, List<ImageChange> changes,
      List<String> warnings) {
    List<String> names = new ArrayList<>();
    java.util.Map<String, String> forImage = new java.util.HashMap<>();
    for (ImageChange c : changes) {
      List<String> these = current.pullSecrets(namespace, c.from(), c.to());
      for (String n : these) {
        if (!names.contains(n)) {
          names.add(n);
          forImage.put(n, c.relocated());
        }
      }
    }
    if (names.isEmpty()) {
      return;
    }
    for (String added : TreeJsonPatches.addPullSecrets(patch, pod, names)) {
      if (secrets.exists(namespace, added).filter(exists -> !exists).isPresent()) {
        warnings.add(0, "pull secret \"" + added + "\" added for " + forImage.get(added)
            + " does not exist in namespace " + namespace + ": pulling it may fail until it is created");
      }
    }
  }

  private Result unreadable(String uid, boolean dryRun, String why) {
    if (failureMode == FailureMode.IGNORE) {
      return allowed(uid, dryRun, Outcome.UNCHANGED, null, List.of("not relocated: " + why), 0);
    }
    byte[] body = ReviewWriter.refused(uid, new ReviewWriter.Status(400, null, "relocator: " + why));
    return ok(body, Outcome.DENIED, 0, dryRun);
  }

  private static Result allowed(
      String uid, boolean dryRun, Outcome outcome, ArrayNode patch, List<String> warnings, int rewritten) {
    return ok(ReviewWriter.allowed(uid, patch, warnings, MAX_WARNINGS), outcome, rewritten, dryRun);
  }

  private static Result ok(byte[] body, Outcome outcome, int rewritten, boolean dryRun) {
    return new Result(200, "application/json", body, outcome, rewritten, dryRun);
  }

  private static Result malformed(String why) {
    return new Result(400, "text/plain; charset=utf-8", (why + "\n").getBytes(StandardCharsets.UTF_8),
        Outcome.MALFORMED, 0, false);
  }

  private static boolean blank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
