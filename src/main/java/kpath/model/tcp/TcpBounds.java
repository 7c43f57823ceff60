package kpath.model.tcp;

import java.util.List;
import java.util.Set;

/**
 * The finite universe a model run works in: the peers, the backlogs the program may pass to
 * listen(), the sysctl settings a run may start with, and the kernel profile.
 */
public record TcpBounds(List<String> clients, List<Integer> backlogs, Set<Sysctls> sysctlChoices,
                        KernelProfile profile) {
    public TcpBounds {
        clients = List.copyOf(clients);
        backlogs = List.copyOf(backlogs);
        sysctlChoices = Set.copyOf(sysctlChoices);
        if (sysctlChoices.isEmpty()) {
            throw new IllegalArgumentException("bounds need at least one sysctl choice");
        }
    }
}
