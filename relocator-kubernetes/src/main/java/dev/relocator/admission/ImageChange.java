package dev.relocator.admission;

import dev.relocator.image.ImageReference;

/**
 * One image the webhook relocates.
 *
 * @param pointer the JSON pointer of the image field, e.g. {@code /spec/initContainers/0/image}
 * @param container the container's name
 * @param original the image as the pod had it
 * @param relocated the image the pod gets
 * @param from {@code original} parsed
 * @param to {@code relocated} parsed
 */
record ImageChange(
    String pointer, String container, String original, String relocated, ImageReference from, ImageReference to) {}
