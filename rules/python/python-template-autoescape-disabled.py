import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

# ruleid: python-template-autoescape-disabled
env = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=False)
# ok: python-template-autoescape-disabled
env_safe = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))
# ok: python-template-autoescape-disabled
env_on = Environment(autoescape=True)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": ["templates"],
        "OPTIONS": {
            # ruleid: python-template-autoescape-disabled
            "autoescape": False,
            # ok: python-template-autoescape-disabled
            "debug": False,
        },
    }
]


def make_env():
    e = Environment(loader=FileSystemLoader("mail"))
    # ruleid: python-template-autoescape-disabled
    e.autoescape = False
    return e


def render_comment(body):
    # ruleid: python-template-autoescape-disabled
    return jinja2.Template("<p>{{ body }}</p>", autoescape=False).render(body=body)
