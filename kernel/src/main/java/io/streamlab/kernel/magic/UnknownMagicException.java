package io.streamlab.kernel.magic;

import io.streamlab.kernel.errors.KernelError;

import java.util.List;

/** A {@code %name} the kernel does not know. */
public final class UnknownMagicException extends Exception implements KernelError {
    public UnknownMagicException(String kind, String name, Iterable<String> known) {
        super("Unknown " + kind + " magic " + (kind.equals("cell") ? "%%" : "%") + name
                + " — %lsmagic lists the magics this kernel knows: " + String.join(", ", known), null, false, false);
    }

    @Override
    public List<String> traceback() {
        return List.of(getMessage());
    }
}
