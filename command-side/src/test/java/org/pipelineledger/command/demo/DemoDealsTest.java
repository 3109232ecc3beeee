package org.pipelineledger.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.opportunity.ChangeCloseDate;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.MoveToStage;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.pipeline.PipelineDefinition;

class DemoDealsTest {

    private static final Instant NOW = Instant.parse("2025-09-01T09:00:00Z");
    private static final PipelineDefinition PIPELINE = PipelineDefinition.defaultPipeline();

    private final List<List<OpportunityCommand>> scripts = new DemoDeals(7L, NOW, PIPELINE).scripts(300);

    @Test
    void theSameSeedAndNowTellTheSameStories() {
        assertThat(new DemoDeals(7L, NOW, PIPELINE).scripts(300)).isEqualTo(scripts);
    }

    @Test
    void everyDealStartsWithItsCreationUnderAFixedId() {
        assertThat(scripts.get(0).get(0)).isInstanceOf(CreateOpportunity.class);
        assertThat(scripts).extracting(script -> script.get(0).opportunityId().value())
                .startsWith("demo-0001", "demo-0002").endsWith("demo-0300").doesNotHaveDuplicates();
        assertThat(scripts).allSatisfy(script -> assertThat(script.get(0)).isInstanceOf(CreateOpportunity.class));
    }

    @Test
    void everyStepIsBackdatedByTheSeederWithinTheLastSixMonthsInStrictlyIncreasingOrder() {
        for (List<OpportunityCommand> script : scripts) {
            List<Instant> times = script.stream().map(OpportunityCommand::occurredAt).toList();
            assertThat(times).isSorted().doesNotHaveDuplicates().allSatisfy(time -> assertThat(time)
                    .isBetween(NOW.minus(DemoDeals.HISTORY), NOW));
            assertThat(script).allSatisfy(command -> assertThat(command.actor().name()).isEqualTo("demo-seeder"));
        }
    }

    @Test
    void thePipelineHasEveryKindOfChangeAProjectionShows() {
        Map<String, Long> kinds = scripts.stream().flatMap(List::stream)
                .map(command -> command.getClass().getSimpleName())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(kinds).containsKeys("CreateOpportunity", "MoveToStage", "ChangeCloseDate", "ChangeOutlook",
                "ChangeAmount", "SetNextStep", "AddNote", "ReassignOwner", "MarkWon", "MarkLost", "Reopen");
        long backwardMoves = scripts.stream().flatMap(List::stream)
                .filter(command -> command instanceof MoveToStage move && move.reason() != null).count();
        long pullIns = 0;
        for (List<OpportunityCommand> script : scripts) {
            LocalDate closeDate = ((CreateOpportunity) script.get(0)).closeDate();
            for (OpportunityCommand command : script) {
                if (command instanceof ChangeCloseDate change) {
                    pullIns += change.closeDate().isBefore(closeDate) ? 1 : 0;
                    closeDate = change.closeDate();
                }
            }
        }
        assertThat(backwardMoves).isGreaterThan(20);
        assertThat(pullIns).isGreaterThan(20);
        assertThat(scripts.stream().flatMap(List::stream).count()).isGreaterThan(1500);
    }
}
