from . import test_difficulty_level
from . import test_ticket_rating
from . import test_ticket_credit
from . import test_access_rights
from . import test_performance
from . import test_project_task
from . import test_translations
from . import test_ui
