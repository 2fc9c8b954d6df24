-- The five sensors the generator simulates by default, with the range a real device of each kind reports.
INSERT INTO sensors (id, name, type, unit, location, min_value, max_value) VALUES
    ('sensor-1', 'Office temperature', 'temperature', '°C',  'Building A / floor 2 / office 204', -20,  50),
    ('sensor-2', 'Office humidity',    'humidity',    '%',   'Building A / floor 2 / office 204',   0, 100),
    ('sensor-3', 'Roof pressure',      'pressure',    'hPa', 'Building A / roof',                 950, 1050),
    ('sensor-4', 'Meeting room CO2',   'co2',         'ppm', 'Building A / floor 1 / room 101',   350, 5000),
    ('sensor-5', 'Lobby light',        'light',       'lux', 'Building A / ground floor / lobby',   0, 20000);
