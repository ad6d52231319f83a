/**
 * The starter's implementation. Internal: these types may change without notice in any release; do
 * not use them.
 */
@NullMarked
package io.streamback.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
