from . import helpdesk_difficulty_level
from . import helpdesk_ticket
from . import helpdesk_ticket_participant
from . import helpdesk_ticket_credit
from . import project_task
from . import res_company
from . import res_config_settings
