package dev.relocator.admission;

/**
 * One image the webhook relocates.
 *
 * @param pointer the JSON pointer of the image field, e.g. {@code /spec/initContainers/0/image}
 * @param container the container's name
 * @param original the image as the pod had it
 * @param relocated the image the pod gets
 */
record ImageChange(String pointer, String container, String original, String relocated) {}
