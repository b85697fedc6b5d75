package dev.relocator.policy;

/**
 * One container whose image a policy does not admit.
 *
 * @param image the container and its image
 * @param policy the policy that does not admit it
 * @param mode that policy's mode
 * @param fix what would make it admitted, as a sentence
 */
public record Violation(PodImage image, PolicyId policy, PolicyMode mode, String fix) {}
