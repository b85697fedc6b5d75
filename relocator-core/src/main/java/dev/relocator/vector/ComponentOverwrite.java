package dev.relocator.vector;

/**
 * One entry of an {@code IMAGEVECTOR_OVERWRITE_COMPONENTS} file: a dependent component's name and
 * the whole overwrite vector it should receive, as text and as read.
 *
 * @param name the component name, such as {@code etcd-druid}
 * @param imageVectorOverwrite the overwrite vector as written in the file
 * @param vector the overwrite vector as read
 * @param line the 1-based line of the component in the components file
 */
public record ComponentOverwrite(String name, String imageVectorOverwrite, ImageVector vector, int line) {}
