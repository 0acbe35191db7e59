package dev.postino.webadmin;

import java.time.Instant;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code /tasks/{id}} shows a {@link LearnFromMailboxTask}'s counts ({@code additionalInformation}). */
public class LearnFromMailboxDetailsDto implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<LearnFromMailboxTask.Details, LearnFromMailboxDetailsDto> MODULE =
        DTOModule.forDomainObject(LearnFromMailboxTask.Details.class)
            .convertToDTO(LearnFromMailboxDetailsDto.class)
            .toDomainObjectConverter(dto -> new LearnFromMailboxTask.Details(dto.user, dto.folder, dto.learnedAs,
                dto.learned, dto.failed, dto.timestamp))
            .toDTOConverter((details, type) -> new LearnFromMailboxDetailsDto(type, details.user(), details.folder(),
                details.learnedAs(), details.learned(), details.failed(), details.timestamp()))
            .typeName(LearnFromMailboxTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String user;
    private final String folder;
    private final String learnedAs;
    private final long learned;
    private final long failed;
    private final Instant timestamp;

    public LearnFromMailboxDetailsDto(@JsonProperty("type") String type, @JsonProperty("user") String user,
                                      @JsonProperty("folder") String folder, @JsonProperty("as") String learnedAs,
                                      @JsonProperty("learned") long learned, @JsonProperty("failed") long failed,
                                      @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.user = user;
        this.folder = folder;
        this.learnedAs = learnedAs;
        this.learned = learned;
        this.failed = failed;
        this.timestamp = timestamp;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    public String getUser() {
        return user;
    }

    public String getFolder() {
        return folder;
    }

    @JsonProperty("as")
    public String getLearnedAs() {
        return learnedAs;
    }

    public long getLearned() {
        return learned;
    }

    public long getFailed() {
        return failed;
    }
}
