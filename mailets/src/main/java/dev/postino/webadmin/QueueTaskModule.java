package dev.postino.webadmin;

import java.time.Instant;
import java.util.Set;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON form of {@link QueueTask}'s details in {@code /tasks/{id}}, named in
 * {@code extensions.properties}: {@code guice.extension.task=dev.postino.webadmin.QueueTaskModule}.
 * The tasks themselves are not serialized (they run on the node that took the request).
 */
public class QueueTaskModule implements TaskExtensionModule {
    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of();
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation,
        ? extends AdditionalInformationDTO>> taskAdditionalInformationDTOModules() {
        return Set.of(
            DTOModule.forDomainObject(QueueTaskDetails.Flush.class)
                .convertToDTO(Dto.class)
                .toDomainObjectConverter(dto -> new QueueTaskDetails.Flush(dto.domain, dto.mails, dto.busy, dto.timestamp))
                .toDTOConverter(Dto::of)
                .typeName(QueueTask.Action.FLUSH.type().asString())
                .withFactory(AdditionalInformationDTOModule::new),
            DTOModule.forDomainObject(QueueTaskDetails.Bounce.class)
                .convertToDTO(Dto.class)
                .toDomainObjectConverter(dto -> new QueueTaskDetails.Bounce(dto.domain, dto.mails, dto.busy, dto.timestamp))
                .toDTOConverter(Dto::of)
                .typeName(QueueTask.Action.BOUNCE.type().asString())
                .withFactory(AdditionalInformationDTOModule::new));
    }

    /** {@code {"type":"postino-queue-flush","domain":"b.test","mails":3,"busy":0,"timestamp":"…"}}. */
    public static final class Dto implements AdditionalInformationDTO {
        private final String type;
        private final String domain;
        private final int mails;
        private final int busy;
        private final Instant timestamp;

        public Dto(@JsonProperty("type") String type, @JsonProperty("domain") String domain,
                   @JsonProperty("mails") int mails, @JsonProperty("busy") int busy,
                   @JsonProperty("timestamp") Instant timestamp) {
            this.type = type;
            this.domain = domain;
            this.mails = mails;
            this.busy = busy;
            this.timestamp = timestamp;
        }

        static Dto of(QueueTaskDetails details, String type) {
            return new Dto(type, details.domain(), details.mails(), details.busy(), details.timestamp());
        }

        @Override
        public String getType() {
            return type;
        }

        public String getDomain() {
            return domain;
        }

        public int getMails() {
            return mails;
        }

        public int getBusy() {
            return busy;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
