package dev.postino.webadmin;

import java.util.Set;

import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

/**
 * Lets {@code /tasks/{id}} show the counts of a {@link LearnFromMailboxTask}. Named in
 * {@code extensions.properties}: {@code guice.extension.task=dev.postino.webadmin.SpamTaskExtension}.
 * The task itself has no JSON form: it runs on the node that accepted it, as James's memory and
 * single-node task managers do (a distributed task manager would need one).
 */
public class SpamTaskExtension implements TaskExtensionModule {
    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of();
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation,
        ? extends AdditionalInformationDTO>> taskAdditionalInformationDTOModules() {
        return Set.of(LearnFromMailboxDetailsDto.MODULE);
    }
}
