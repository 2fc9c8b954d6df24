package io.github.iotpipeline.collector.quality;

import java.util.List;

import org.springframework.data.repository.Repository;

interface SensorRepository extends Repository<Sensor, String> {

    List<Sensor> findAll();
}
