package org.pipelineledger.app.observability;

import java.util.List;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * Keeps the indicators that only a probe group means out of {@code /actuator/health} itself, which Spring Boot
 * otherwise makes of every indicator: the read models catching up after start is readiness, not ill health, and
 * must neither turn the overall status OUT_OF_SERVICE (503) nor hide a DEGRADED one.
 */
final class ProbeGroups implements HealthEndpointGroupsPostProcessor {

    private final Set<String> probeOnly;

    ProbeGroups(Set<String> probeOnly) {
        this.probeOnly = Set.copyOf(probeOnly);
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup primary = groups.getPrimary();
        HealthEndpointGroup withoutProbes = new HealthEndpointGroup() {
            @Override
            public boolean isMember(String name) {
                return !probeOnly.contains(name) && primary.isMember(name);
            }

            @Override
            public boolean showComponents(SecurityContext securityContext) {
                return primary.showComponents(securityContext);
            }

            @Override
            public boolean showDetails(SecurityContext securityContext) {
                return primary.showDetails(securityContext);
            }

            @Override
            public StatusAggregator getStatusAggregator() {
                return primary.getStatusAggregator();
            }

            @Override
            public HttpCodeStatusMapper getHttpCodeStatusMapper() {
                return primary.getHttpCodeStatusMapper();
            }

            @Override
            public AdditionalHealthEndpointPath getAdditionalPath() {
                return primary.getAdditionalPath();
            }
        };
        return new Groups(withoutProbes, groups);
    }

    /** The groups as they were, with another primary; still mapping the groups' additional paths, if any. */
    private record Groups(HealthEndpointGroup primary, HealthEndpointGroups groups)
            implements HealthEndpointGroups, AdditionalPathsMapper {

        @Override
        public HealthEndpointGroup getPrimary() {
            return primary;
        }

        @Override
        public Set<String> getNames() {
            return groups.getNames();
        }

        @Override
        public HealthEndpointGroup get(String name) {
            return groups.get(name);
        }

        @Override
        public List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return groups instanceof AdditionalPathsMapper mapper
                    ? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
        }
    }
}
