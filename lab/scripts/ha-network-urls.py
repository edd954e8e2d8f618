"""The lab's Home Assistant URL settings, changed as Settings > System > Network changes them.

A test tool of the lab (run with Home Assistant's own venv Python, which has aiohttp): the owner's
token authenticates HA's WebSocket API and `config/core/update` sets External and Internal URL in
the running HA, without a restart, exactly as the frontend's Network page does.

    python ha-network-urls.py BASE_URL TOKEN_FILE EXTERNAL INTERNAL

EXTERNAL and INTERNAL are URLs, or "-" for none. The answer HA gives is checked; the token is never
printed.
"""

import asyncio
import sys

import aiohttp


def url_or_none(value: str):
    return None if value == "-" else value


async def update(base: str, token: str, external: str, internal: str) -> None:
    ws_url = base.replace("http", "ws", 1) + "/api/websocket"
    # ssl=False: the lab's own HA on loopback in the home's namespace; its certificate names the
    # public name, not 127.0.0.1 (the probes, not this tool, judge certificates).
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(ws_url, ssl=False) as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": token})
            if (await ws.receive_json()).get("type") != "auth_ok":
                sys.exit("the owner's token was refused")
            await ws.send_json(
                {
                    "id": 1,
                    "type": "config/core/update",
                    "external_url": url_or_none(external),
                    "internal_url": url_or_none(internal),
                }
            )
            answer = await ws.receive_json()
            if not answer.get("success"):
                sys.exit(f"config/core/update refused: {answer.get('error')}")
            await ws.send_json({"id": 2, "type": "get_config"})
            config = (await ws.receive_json()).get("result", {})
            if (config.get("external_url"), config.get("internal_url")) != (
                url_or_none(external),
                url_or_none(internal),
            ):
                sys.exit("Home Assistant did not take the URLs")


def main() -> None:
    base, token_file, external, internal = sys.argv[1:5]
    with open(token_file) as f:
        token = f.read().strip()
    asyncio.run(update(base, token, external, internal))


if __name__ == "__main__":
    main()
