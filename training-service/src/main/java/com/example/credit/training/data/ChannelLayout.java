package com.example.credit.training.data;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The input channels of a training run: one folder per channel under a root, {@code /opt/ml/input/data} in the
 * container or the ETL's output folder locally (the ETL writes the same layout, {@link PreparedLayout}).
 *
 * @param root the folder that holds one sub-folder per channel
 */
public record ChannelLayout(Path root) {

    public ChannelLayout {
        Objects.requireNonNull(root, "root");
    }

    /**
     * The folder of a channel.
     *
     * @throws TrainingException (reason MISSING_CHANNEL) when it does not exist
     */
    public Path channel(Channel channel) {
        Path folder = new PreparedLayout(root).folder(channel);
        if (!Files.isDirectory(folder)) {
            throw new TrainingException(
                    Reason.MISSING_CHANNEL, "channel " + channel + " is missing: no folder " + folder);
        }
        return folder;
    }

    /**
     * The data files of a channel in sorted name order, as {@link PreparedLayout#dataFiles(Path)} lists them
     * (Spark's {@code _SUCCESS} and checksum files are not data).
     *
     * @throws TrainingException (reason MISSING_CHANNEL) when the channel is missing or holds no data file
     */
    public List<Path> partFiles(Channel channel) {
        Path folder = channel(channel);
        try {
            List<Path> files = PreparedLayout.dataFiles(folder);
            if (files.isEmpty()) {
                throw new TrainingException(
                        Reason.MISSING_CHANNEL, "channel " + channel + " holds no data file in " + folder);
            }
            return files;
        } catch (IOException e) {
            throw new TrainingException(
                    Reason.IO, "cannot list channel " + channel + " in " + folder + ": " + e.getMessage(), e);
        }
    }
}
