/**
 * Where deploy installs compose-services on the instance; every script
 * runs `docker compose` there so that docker-compose.override.yml applies.
 * The part that installs compose-services must use the same folder.
 */
export const composeDirectory = '/opt/gen3/compose-services'

/** The systemd unit that runs the compose stack and starts it at boot. */
export const composeUnit = 'gen3-compose.service'
