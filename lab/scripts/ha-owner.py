"""The lab's Home Assistant owner: onboards the owner account and makes a long-lived access token.

A test tool of the lab (run with Home Assistant's own venv Python, which has aiohttp), as a user
does in HA's UI: the first start's onboarding, then Profile > Security > Long-lived access tokens.

    python ha-owner.py BASE_URL TOKEN_FILE HEADER_FILE

writes the token to TOKEN_FILE and "Authorization: Bearer <token>" to HEADER_FILE (both 0600);
the token is never printed.
"""

import asyncio
import os
import secrets
import sys

import aiohttp

CLIENT_ID = "http://lab.invalid/"


async def long_lived_token(base: str) -> str:
    async with aiohttp.ClientSession() as session:
        user = {
            "client_id": CLIENT_ID,
            "name": "Lab Owner",
            "username": "lab",
            "password": secrets.token_hex(16),
            "language": "en",
        }
        async with session.post(f"{base}/api/onboarding/users", json=user) as answer:
            if answer.status != 200:
                sys.exit(f"onboarding answered {answer.status}: {await answer.text()}")
            code = (await answer.json())["auth_code"]
        form = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
        async with session.post(f"{base}/auth/token", data=form) as answer:
            if answer.status != 200:
                sys.exit(f"/auth/token answered {answer.status}")
            access = (await answer.json())["access_token"]
        async with session.ws_connect(f"{base}/api/websocket") as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": access})
            if (await ws.receive_json()).get("type") != "auth_ok":
                sys.exit("the fresh access token was refused")
            await ws.send_json(
                {
                    "id": 1,
                    "type": "auth/long_lived_access_token",
                    "client_name": "ha-remote-access lab",
                    "lifespan": 30,
                }
            )
            made = await ws.receive_json()
            if not made.get("success"):
                sys.exit(f"no long-lived token: {made.get('error')}")
            return made["result"]


def write_private(path: str, content: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(content)


def main() -> None:
    base, token_file, header_file = sys.argv[1:4]
    token = asyncio.run(long_lived_token(base))
    for path in (token_file, header_file):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    write_private(token_file, token + "\n")
    write_private(header_file, f"Authorization: Bearer {token}\n")


if __name__ == "__main__":
    main()
